"""The Chinese county's answers open in QGIS styled and in Chinese: samples/nanjing imported as
the office's files are (GBK Shapefiles, an Excel sheet, GCJ-02 teams), then coverage, allocate
and the hospitals' service areas written with `--lang zh` to a GeoPackage. For each layer: the
renderer, a Chinese title, Chinese legend labels where the style names classes in words, Chinese
names in the rendered labels' field, and the map drawn to build/qgis-artifacts/.

usage: nanjing_layers.py MUSTER SAMPLES_DIR ARTIFACTS_DIR"""

import os
import re
import sqlite3
import sys
import tempfile

from qgis_support import check, finish, import_nanjing, load, render, renderer_of, run

muster, samples, artifacts = sys.argv[1:4]
work = tempfile.mkdtemp(prefix="muster-qgis-nanjing-")
db = os.path.join(work, "nanjing.sqlite")
import_nanjing(muster, samples, db)
gpkg = os.path.join(work, "nanjing.gpkg")
run(muster, "--lang", "zh", "coverage", db, "--out", gpkg + ":coverage")
run(muster, "--lang", "zh", "allocate", db, "--persons", gpkg + ":coverage_shelters", "--out",
    gpkg + ":allocate")
run(muster, "--lang", "zh", "isochrone", db, "--at", "hospitals", "--minutes", "5,10",
    "--out", gpkg + ":iso")

han = re.compile("[\u4e00-\u9fff]")
expected = {
    "coverage_townships": "graduatedSymbol",
    "coverage_shelters": "graduatedSymbol",
    "allocate": "categorizedSymbol",
    "iso": "graduatedSymbol",
}
with sqlite3.connect(gpkg) as con:
    titles = dict(con.execute("SELECT table_name, identifier FROM gpkg_contents"))
    names = [n for (n,) in con.execute("SELECT township_name FROM coverage_townships")]

check(len(names) > 0 and all(han.search(n or "") for n in names),
      "the townships' names are Chinese, as the GBK Shapefile has them")
for layer_name, renderer in expected.items():
    layer = load(f"{gpkg}|layername={layer_name}")
    got, _ = renderer_of(layer)
    check(got == renderer, f"{layer_name}: renderer {got} is {renderer}")
    check(bool(han.search(titles.get(layer_name, ""))),
          f"{layer_name}: a Chinese title ({titles.get(layer_name)})")
    render([layer], os.path.join(artifacts, f"nanjing-{layer_name}.png"), 700)

# Legends in Chinese: the coverage choropleth's grey class, the flows' two kinds.
townships = load(f"{gpkg}|layername=coverage_townships")
labels = [r.label() for r in townships.renderer().ranges()]
check("无人口数据" in labels, f"the choropleth's legend is Chinese: {labels}")
flows = load(f"{gpkg}|layername=allocate")
labels = [c.label() for c in flows.renderer().categories()]
check("本地储备" in labels and "跨区支援" in labels, f"the flows' legend is Chinese: {labels}")
render([load(f"{gpkg}|layername=coverage_shelters"), townships],
       os.path.join(artifacts, "nanjing-coverage-map.png"), 1000)
finish()
