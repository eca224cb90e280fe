"""What the QGIS checks share: a headless QGIS (Debian's python3-qgis), loading a layer as an
analyst's QGIS would (its default style applied), rendering layers to PNG, and reading colours
back from the image."""

import os
import subprocess
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt wants a private runtime folder; a test has none of its own.
os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="muster-qgis-runtime-"))

from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings,  # noqa: E402
                       QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

_app = QgsApplication([], False)
_app.initQgis()

failures = []


def check(condition, what):
    """Records a failed check (all are reported at the end, as Catch2 does)."""
    if not condition:
        failures.append(what)
        print("FAILED: " + what, file=sys.stderr)
    return condition


def finish():
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("all QGIS checks passed")


def load(uri, provider="ogr"):
    """The layer as QGIS opens it, its default style (layer_styles or a .qml beside) applied."""
    layer = QgsVectorLayer(uri, os.path.basename(uri), provider)
    check(layer.isValid(), f"{uri} loads in QGIS ({provider})")
    return layer


def renderer_of(layer):
    """(type, classified field) of the layer's renderer."""
    r = layer.renderer()
    field = r.classAttribute() if hasattr(r, "classAttribute") else ""
    return r.type(), field


def render(layers, path, size=900, extent=None):
    """Draws `layers` (the first on top) to a PNG; returns the image."""
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[-1].crs())
    if extent is None:
        extent = QgsRectangle()
        for layer in layers:
            extent.combineExtentWith(layer.extent())
    settings.setExtent(extent.buffered(extent.width() * 0.02))
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    image.save(path)
    return image


def colours_in(image, step=3):
    """The set of (r, g, b) in the image, sampled every `step` pixels."""
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = QColor(image.pixel(x, y))
            seen.add((c.red(), c.green(), c.blue()))
    return seen


def near(colour, colours, tolerance=6):
    """Whether a colour within `tolerance` per channel is among `colours` (antialiasing blends
    edges, never a whole area)."""
    r, g, b = colour
    return any(abs(r - x) <= tolerance and abs(g - y) <= tolerance and abs(b - z) <= tolerance
               for x, y, z in colours)


def blended(hex_colour, alpha, background=(255, 255, 255)):
    """A colour of opacity alpha/255 drawn over the background, as the image holds it."""
    c = QColor(hex_colour)
    a = alpha / 255.0
    return tuple(round(v * a + bg * (1 - a)) for v, bg in zip((c.red(), c.green(), c.blue()),
                                                              background))


def run(*args):
    """Runs a command, failing the check with its output when it fails."""
    done = subprocess.run(list(args), capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stdout, done.stderr, file=sys.stderr)
        raise SystemExit(f"{' '.join(args)} exited {done.returncode}")
    return done.stdout


def import_malta(muster, samples, db):
    """`muster import` of the Malta sample into `db`, as `make demo` does."""
    s = os.path.join(samples, "malta")
    run(muster, "import", db, "--roads", os.path.join(s, "malta-latest.osm.pbf"),
        "--townships", os.path.join(s, "townships.geojson"),
        "--shelters", os.path.join(s, "shelters.geojson"),
        "--depots", os.path.join(s, "depots.geojson"),
        "--inventory", os.path.join(s, "inventory.csv"),
        "--teams", os.path.join(s, "teams.geojson"),
        "--hospitals", os.path.join(s, "hospitals.geojson"),
        "--hazards", os.path.join(s, "hazards.geojson"))


def import_nanjing(muster, samples, db):
    """`muster import` of the Chinese county sample into `db`, as `make demo-nanjing` does."""
    s = os.path.join(samples, "nanjing")
    run(muster, "import", db, "--roads", os.path.join(s, "roads.shp"),
        "--townships", os.path.join(s, "townships.shp"),
        "--shelters", os.path.join(s, "shelters.xlsx"),
        "--depots", os.path.join(s, "depots.shp"),
        "--inventory", os.path.join(s, "inventory.csv"),
        "--teams", os.path.join(s, "teams.csv"), "--coordinates", "teams=gcj02",
        "--hospitals", os.path.join(s, "hospitals.shp"),
        "--hazards", os.path.join(s, "hazards.shp"))
