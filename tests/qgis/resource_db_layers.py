"""The resource database's layers open in QGIS through its SpatiaLite provider with their
default styles: every geometry column of every entity table, as many features as the table
holds rows (counted with sqlite3, not muster), the renderer muster stored, the map drawn.

usage: resource_db_layers.py MUSTER SAMPLES_DIR ARTIFACTS_DIR"""

import os
import sqlite3
import sys
import tempfile

from qgis_support import check, finish, import_malta, load, render, renderer_of

muster, samples, artifacts = sys.argv[1:4]
work = tempfile.mkdtemp(prefix="muster-qgis-")
db = os.path.join(work, "malta.sqlite")
import_malta(muster, samples, db)

# (table, geometry column): the renderer and field the style sets, written down from the design
# (docs/database.md), not read from the database.
expected = {
    ("township", "geom"): ("singleSymbol", ""),
    ("township", "location"): ("singleSymbol", ""),
    ("shelter", "location"): ("categorizedSymbol", "class"),
    ("shelter", "geom"): ("singleSymbol", ""),
    ("depot", "geom"): ("categorizedSymbol", "tier"),
    ("team", "geom"): ("categorizedSymbol", "status"),
    ("hospital", "geom"): ("singleSymbol", ""),
    ("hazard", "geom"): ("categorizedSymbol", "effect"),
    ("road", "geom"): ("categorizedSymbol", "class"),
    ("problem", "geom"): ("singleSymbol", ""),
}

with sqlite3.connect(db) as con:
    declared = dict(((t, c), g) for t, c, g in con.execute(
        "SELECT f_table_name, f_geometry_column, geometry_type FROM geometry_columns"))
    # QGIS's SpatiaLite layer holds the rows with a geometry in its column.
    rows = {(t, c): con.execute(f"SELECT count(*) FROM {t} WHERE {c} IS NOT NULL").fetchone()[0]
            for t, c in expected}
    total = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t, _ in expected}

# SpatiaLite's codes: 1 point, 2 line, 6 multipolygon; none generic (0).
check(declared[("township", "geom")] == 6, "township.geom is declared MULTIPOLYGON")
check(declared[("shelter", "geom")] == 6, "shelter.geom is declared MULTIPOLYGON")
check(all(code != 0 for code in declared.values()), "no geometry column is generic GEOMETRY")

layers = {}
for (table, column), (renderer, field) in expected.items():
    uri = f"dbname='{db}' table=\"{table}\" ({column})"
    layer = load(uri, "spatialite")
    layers[(table, column)] = layer
    what = f"{table}.{column}"
    check(layer.featureCount() == rows[(table, column)],
          f"{what}: {layer.featureCount()} features, {rows[(table, column)]} in the table")
    got = renderer_of(layer)
    check(got == (renderer, field), f"{what}: renderer {got} is {(renderer, field)}")

check(rows[("township", "geom")] == 67, "all 67 councils have their boundary")
check(rows[("shelter", "location")] == total["shelter"], "every shelter has its point")
# The map an analyst sees on opening the database: councils, roads, shelters, hospitals, teams.
image = render([layers[("hospital", "geom")], layers[("team", "geom")],
                layers[("shelter", "location")], layers[("road", "geom")],
                layers[("township", "geom")]],
               os.path.join(artifacts, "malta-database.png"), 1400)
check(image.width() == 1400, "the database's map is drawn")
finish()
