"""Every GIS output of muster opens in QGIS styled, as an analyst opens it: the answers of coverage,
site, allocate, mci, isochrone (several hospitals), nearest, route, matrix, response and network on the
Malta sample, as GeoPackage layers (style from layer_styles) and as Shapefiles (style from the
.qml beside them, with the Shapefile's short field names). For each layer: the renderer and the
classified field written down here from docs/outputs.md, the title and the command in
gpkg_contents, every class's colour present in the rendered map, and the map saved to
build/qgis-artifacts/ for a person to look at.

usage: output_layers.py MUSTER SAMPLES_DIR ARTIFACTS_DIR"""

import os
import sqlite3
import sys
import tempfile

from qgis_support import (blended, check, colours_in, finish, import_malta, load, near, render,
                          renderer_of, run)

muster, samples, artifacts = sys.argv[1:4]
work = tempfile.mkdtemp(prefix="muster-qgis-outputs-")
db = os.path.join(work, "malta.sqlite")
s = os.path.join(samples, "malta")
import_malta(muster, samples, db)

gpkg = os.path.join(work, "answers.gpkg")
commands = {
    "coverage": ["coverage", db, "--out", gpkg + ":coverage"],
    "site": ["site", db, "--candidates", os.path.join(s, "candidates.geojson"), "--model", "mclp",
             "-p", "8", "--radius", "500", "--existing", "ignore", "--out", gpkg + ":site"],
    "allocate": ["allocate", db, "--persons", gpkg + ":coverage_shelters", "--out",
                 gpkg + ":allocate"],
    "mci": ["mci", db, "--incidents", os.path.join(s, "incidents.geojson"), "--out",
            gpkg + ":mci"],
    "isochrone": ["isochrone", db, "--at", "hospitals", "--minutes", "5,10,15", "--out",
                  gpkg + ":iso"],
    "nearest": ["nearest", db, "--at", "14.5146,35.8989", "--kind", "ambulance", "-k", "5",
                "--out", gpkg + ":nearest"],
    "route": ["route", db, "--from", "14.5146,35.8989", "--to", "14.4035,35.9375", "--out",
              gpkg + ":route"],
    "matrix": ["matrix", db, "--sources", "hospitals", "--targets", "townships", "--out",
               gpkg + ":matrix"],
    "response": ["response", db, "--out", gpkg + ":response"],
    "stations": ["stations", db, "--model", "mexclp", "--existing", "move", "--out",
                 gpkg + ":stations"],
    "criticality": ["criticality", db, "--top", "40", "--out", gpkg + ":criticality"],
    "compare": ["compare", db, "--scenario", os.path.join(s, "scenario.json"), "--out",
                gpkg + ":compare"],
}
for name, args in commands.items():
    run(muster, *args)

# Layer (as named in the file) → (renderer, classified field), from docs/outputs.md's styles.
expected = {
    "coverage": ("categorizedSymbol", 'to_int("covered")'),       # demand points
    "coverage_shelter_assignment": ("singleSymbol", ""),
    "coverage_shelters": ("graduatedSymbol", 'coalesce("utilisation_pct", -1e+15)'),
    "coverage_uncovered_cells": ("singleSymbol", ""),
    "coverage_townships": ("graduatedSymbol", 'coalesce("covered_pct", -1e+15)'),
    "site": ("categorizedSymbol", 'to_int("existing")'),          # chosen sites
    "site_site_assignment": ("singleSymbol", ""),
    "site_demand_points": ("singleSymbol", ""),
    "allocate": ("categorizedSymbol", 'to_int("cross_region")'),  # shipments
    "allocate_shelter_supply": ("graduatedSymbol", 'coalesce("fill_rate_pct", -1e+15)'),
    "mci": ("categorizedSymbol", "triage_category"),              # casualties
    "mci_ambulance_trips": ("singleSymbol", ""),
    "iso": ("graduatedSymbol", "to_min"),                         # service areas
    "iso_service_area_lines": ("graduatedSymbol", "band_to_min"),
    "nearest": ("categorizedSymbol", "proximity_rank"),
    "route": ("singleSymbol", ""),
    "matrix": ("graduatedSymbol", 'coalesce("travel_time_min", -1e+15)'),
    "response": ("graduatedSymbol", 'coalesce("response_time_min", -1e+15)'),  # cells
    "response_response_townships": ("graduatedSymbol", 'coalesce("response_covered_pct", -1e+15)'),
    "response_response_units": ("singleSymbol", ""),
    "stations": ("graduatedSymbol", "units_planned"),
    "criticality": ("graduatedSymbol", "people_losing_coverage"),
    "compare": ("graduatedSymbol", 'coalesce("response_covered_change", -1e+15)'),
}

with sqlite3.connect(gpkg) as con:
    contents = dict((t, (i, d)) for t, i, d in con.execute(
        "SELECT table_name, identifier, description FROM gpkg_contents"))
    described = dict(con.execute(
        "SELECT table_name || '.' || column_name, description FROM gpkg_data_columns"))

for layer_name, (renderer, field) in expected.items():
    uri = f"{gpkg}|layername={layer_name}"
    layer = load(uri)
    got = renderer_of(layer)
    check(got == (renderer, field), f"{layer_name}: renderer {got} is {(renderer, field)}")
    identifier, description = contents.get(layer_name, ("", ""))
    check(identifier and identifier != layer_name, f"{layer_name}: a title ({identifier})")
    command = next(k for k in commands if layer_name.startswith(k[:3]))
    check(description.startswith("muster ") and f"muster {command} " in description,
          f"{layer_name}: its description names the command ({description[:80]})")
    if not layer.featureCount():
        continue
    image = render([layer], os.path.join(artifacts, f"{layer_name}.png"), 700)
    seen = colours_in(image)
    r = layer.renderer()
    # Colours taken while each class lives (a class's symbol dies with its copy).
    colours = ([(x.symbol().color().name(), x.symbol().color().alpha()) for x in r.ranges()]
               if renderer == "graduatedSymbol" else
               [(x.symbol().color().name(), x.symbol().color().alpha()) for x in r.categories()]
               if renderer == "categorizedSymbol" else
               [(r.symbol().color().name(), r.symbol().color().alpha())])
    drawn = sum(1 for name, alpha in colours if near(blended(name, alpha), seen, 10))
    symbols = colours
    # Every class need not occur (no shelter full, say), but the map is drawn in the style's.
    check(drawn >= 1, f"{layer_name}: {drawn} of {len(symbols)} class colours appear in the map")
    if layer_name == "coverage_townships":  # Malta's councils range from none to all covered
        check(drawn >= 3, f"{layer_name}: {drawn} of the choropleth's classes appear")

# The service areas: a band for each hospital and time, the largest drawn first.
iso = load(f"{gpkg}|layername=iso")
check(iso.renderer().orderByEnabled(), "service areas are drawn in order of their break")

# Column descriptions reach gpkg_data_columns.
check(bool(described.get("coverage_townships.covered_pct")),
      "coverage_townships.covered_pct has a description")

# The same answers as Shapefiles: the style beside each file, on the short field names.
shp = os.path.join(work, "coverage.shp")
run(muster, "coverage", db, "--out", shp)
townships = load(os.path.join(work, "coverage_townships.shp"))
check(renderer_of(townships) == ("graduatedSymbol", 'coalesce("cov_pct", -1e+15)'),
      f"the townships Shapefile is styled: {renderer_of(townships)}")
shelters = load(os.path.join(work, "coverage_shelters.shp"))
check(renderer_of(shelters) == ("graduatedSymbol", 'coalesce("util_pct", -1e+15)'),
      f"the shelters Shapefile's style uses its short field: {renderer_of(shelters)}")
check(shelters.labeling() is not None and
      shelters.labeling().settings().fieldName == "shltr_name",
      "the shelters Shapefile is labelled by its short name field")

# A report map of the coverage: townships, uncovered cells, shelters.
render([load(f"{gpkg}|layername=coverage_shelters"),
        load(f"{gpkg}|layername=coverage_uncovered_cells"),
        load(f"{gpkg}|layername=coverage_townships")],
       os.path.join(artifacts, "malta-coverage-map.png"), 1400)
render([load(f"{gpkg}|layername=iso")], os.path.join(artifacts, "malta-hospital-areas.png"), 1400)
# Ambulance response: each cell's time from the quickest available ambulance, and the units.
render([load(f"{gpkg}|layername=response_response_units"), load(f"{gpkg}|layername=response")],
       os.path.join(artifacts, "malta-response-map.png"), 1400)
finish()
