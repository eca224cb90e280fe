#!/usr/bin/env python3
"""Derive one muster sample (townships, shelters, depots, inventory, teams,
hospitals, hazards; for Malta also candidate shelter sites) from an
OpenStreetMap extract.  Called by derive.sh; see
README.md for the rules.  Deterministic: features are sorted by id, numbers are
rounded, no timestamps are written.

Input:  --osm  a GeoPackage with the OSM driver's `points` and `multipolygons`
               layers and the `lines` layer restricted to highway=* (made by
               derive.sh with ogr2ogr from the .osm.pbf)
        --townships  the derived township GeoJSON in /work/shared/data
Output: --out  directory for the seven (Malta: eight) derived files
"""
import argparse
import csv
import math
import os
import re
import sys

from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

# --------------------------------------------------------------------------
# Planning assumptions (all documented in README.md)
# --------------------------------------------------------------------------
DEDUP_RADIUS_M = 150.0          # same-kind facilities closer than this are one facility
TOWNSHIP_SNAP_M = 1000.0        # facility just outside every township: nearest township within this
SCHOOL_USABLE = 0.30            # usable open share of a school site
SCHOOL_POINT_SITE_M2 = 5000.0   # assumed site of a school mapped only as a point
PARK_USABLE = 0.50              # usable open share of a park
PARK_MIN_M2 = 10000.0           # parks below 1 ha are not used
SHELTER_POINT_M2 = 20.0         # roofed area of an amenity=shelter mapped only as a point
ASSEMBLY_POINT_M2 = 1000.0      # assembly point mapped only as a point (GB 50413 emergency minimum)
EMERGENCY_SITE_MIN_M2 = 1000.0  # GB 50413: emergency shelter site >= 0.1 ha
FIXED_SITE_MIN_M2 = 10000.0     # GB 50413: fixed shelter site >= 1 ha
CENTRAL_SITE_MIN_M2 = 500000.0  # GB 50413: central shelter site >= 50 ha

# candidate sites for new shelters (`muster site DB --candidates`), Malta only
CANDIDATE_OPEN_PER_PERSON_M2 = 1.5      # GB 21734-2008 5.4: effective area per person, open ground
CANDIDATE_HALL_PER_PERSON_M2 = 3.5      # Sphere: covered living space per person, indoor halls
CANDIDATE_CAMPUS_USABLE = 0.30          # usable open share of a college / university site (as schools)
CANDIDATE_SPORTS_USABLE = 0.50          # usable share of a sports centre or stadium site
CANDIDATE_PITCH_USABLE = 1.0            # a pitch is open ground throughout
CANDIDATE_PARK_USABLE = 0.50            # usable share of a park (as shelters)
CANDIDATE_PITCH_MIN_M2 = 2000.0         # smaller pitches (five-a-side, courts) are not used
CANDIDATE_PARK_MIN_M2 = 5000.0          # parks of 0.5-1 ha (larger ones are shelters already)
CANDIDATE_HALL_POINT_M2 = 300.0         # floor area of a hall mapped only as a point
CANDIDATE_SITE_POINT_M2 = 5000.0        # site of a campus / sports centre mapped only as a point

# hospital receiving capacity by size class: (red, yellow, green, surge)
HOSPITAL_BEDS = {
    "large": (8, 24, 60, 30),    # hospital site >= 5 ha
    "medium": (4, 12, 30, 15),   # site 1-5 ha, or tagged emergency=yes
    "small": (1, 4, 12, 6),      # site < 1 ha or only a point
}
HOSPITAL_LARGE_M2 = 50000.0
HOSPITAL_MEDIUM_M2 = 10000.0

# relief stock per depot tier: item -> quantity (unit); the fixed table of the Liechtenstein sample
ITEMS = [("water", "L"), ("food_ration", "ration"), ("blanket", "piece"),
         ("tent", "piece"), ("first_aid_kit", "kit")]
INVENTORY = {
    "township": {"water": 2000, "food_ration": 500, "blanket": 200, "tent": 20, "first_aid_kit": 20},
    "county": {"water": 20000, "food_ration": 5000, "blanket": 2000, "tent": 200, "first_aid_kit": 100},
    "city": {"water": 100000, "food_ration": 25000, "blanket": 10000, "tent": 1000, "first_aid_kit": 500},
    "province": {"water": 500000, "food_ration": 125000, "blanket": 50000, "tent": 5000, "first_aid_kit": 2500},
    "central": {"water": 2000000, "food_ration": 500000, "blanket": 200000, "tent": 20000, "first_aid_kit": 10000},
}

# Malta's planning assumptions (README.md "Planning magnitudes"): shelter capacity per class and
# depot stock in proportion to the people the depot serves.
SHELTER_M2_PER_PERSON = {
    "emergency": 1.5,  # GB 21734-2008 5.4: effective area per person for a short stay
    "fixed": 3.5,      # Sphere 2018: covered living space per person where people sleep for days
    "central": 3.5,
}
# per person, as muster's default ration table (docs/relief.md): (quantity, per day?)
RATION = {"water": (15, True), "food_ration": (1, True), "blanket": (1, False),
          "tent": (0.2, False), "first_aid_kit": (0.02, False)}
STOCK_DAYS = 1                # daily items are stocked for the first day; resupply follows
TOWNSHIP_DEPOT_SHARE = 0.25   # of its township's planned persons; the county depots hold the rest

# teams: kind -> capacity (patients for ambulance, persons otherwise)
TEAM_CAPACITY = {"ambulance": 2, "medical": 5, "fire": 6, "rescue": 8}
BUSY_EVERY = 10  # every 10th team in id order is `busy`

SAMPLES = {
    "malta": {
        # admin_level=4 relations in the extract are the islands; they coincide
        # with the two NUTS-3 statistical regions of Malta.
        "region_admin_level": "4",
        "region_codes": {"Malta": "MT001", "Għawdex": "MT002", "Kemmuna": "MT002"},
        "region_default": "MT",
        "hospital_override": {
            # Mater Dei: Malta's acute general hospital with the national A&E.
            "w24063943": (40, 100, 200, 150),
        },
        "exclude": {
            "n4367809098": "historic ruin (name 'Lazzarett ruins') tagged amenity=hospital",
        },
        "candidates": True,
        "planning_magnitudes": True,
        "hazards": [
            {
                "id": "hz-msida-flood",
                "name": "Msida valley bottom flash flood (scenario)",
                "kind": "flood", "effect": "closed", "speed_factor": None,
                "ring": [(14.4842, 35.8944), (14.4868, 35.8950), (14.4893, 35.8950),
                         (14.4895, 35.8962), (14.4870, 35.8972), (14.4850, 35.8966),
                         (14.4838, 35.8954)],
            },
            {
                "id": "hz-birkirkara-flood",
                "name": "Birkirkara valley road surface water (scenario)",
                "kind": "flood", "effect": "slow", "speed_factor": 0.5,
                "ring": [(14.4570, 35.8966), (14.4620, 35.8962), (14.4645, 35.8957),
                         (14.4700, 35.8962), (14.4700, 35.8973), (14.4645, 35.8967),
                         (14.4620, 35.8975), (14.4570, 35.8976)],
            },
            {
                "id": "hz-xlendi-landslide",
                "name": "Xlendi road rockfall (scenario)",
                "kind": "landslide", "effect": "closed", "speed_factor": None,
                "ring": [(14.2212, 36.0318), (14.2250, 36.0326), (14.2250, 36.0338),
                         (14.2212, 36.0328)],
            },
        ],
    },
    "liechtenstein": {
        "region_admin_level": "6",
        "region_codes": {"Oberland": "Oberland", "Unterland": "Unterland"},
        "region_default": "LI",
        "hospital_override": {},
        "exclude": {},
        "hazards": [
            {
                "id": "hz-rhine-flood",
                "name": "Rhine plain flood Bendern-Ruggell (scenario)",
                "kind": "flood", "effect": "closed", "speed_factor": None,
                "ring": [(9.5030, 47.2180), (9.5100, 47.2170), (9.5200, 47.2320),
                         (9.5215, 47.2420), (9.5170, 47.2440), (9.5030, 47.2260)],
            },
            {
                "id": "hz-triesenberg-landslide",
                "name": "Triesenberg slope movement (scenario)",
                "kind": "landslide", "effect": "slow", "speed_factor": 0.5,
                "ring": [(9.5360, 47.1140), (9.5480, 47.1140), (9.5480, 47.1240),
                         (9.5360, 47.1240)],
            },
        ],
    },
}

DRIVABLE = {"motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
            "secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified",
            "residential", "living_street", "service", "road"}

# --------------------------------------------------------------------------
WGS84 = osr.SpatialReference()
WGS84.ImportFromEPSG(4326)
WGS84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
LAEA = osr.SpatialReference()
LAEA.ImportFromEPSG(3035)  # ETRS89 LAEA Europe: equal-area, so areas are in true m^2
LAEA.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
TO_LAEA = osr.CoordinateTransformation(WGS84, LAEA)

HSTORE = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')


def log(msg):
    print(msg, file=sys.stderr)


def unescape(s):
    return s.replace('\\"', '"').replace("\\\\", "\\")


def area_m2(geom):
    g = geom.Clone()
    g.Transform(TO_LAEA)
    return g.GetArea()


def haversine_m(p, q):
    lon1, lat1, lon2, lat2 = map(math.radians, (p[0], p[1], q[0], q[1]))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(a))


def id_key(fid):
    """Sort key: n/w/r prefix, then numeric value (falls back to the string)."""
    m = re.fullmatch(r"([a-z]*)(\d+)", fid)
    return (m.group(1), int(m.group(2)), "") if m else ("~", 0, fid)


class Feature:
    def __init__(self, fid, tags, geom, is_point):
        self.id = fid
        self.tags = tags
        self.name = tags.get("name")
        self.geom = geom
        self.is_point = is_point
        if is_point:
            self.pt = (geom.GetX(), geom.GetY())
            self.area = None
        else:
            s = geom.PointOnSurface()
            self.pt = (s.GetX(), s.GetY())
            self.area = area_m2(geom)
        self.site_area = self.area   # largest polygon among merged duplicates
        self.merged = []

    def tag(self, key):
        return self.tags.get(key)

    def contains(self, other):
        if self.is_point:
            return False
        p = ogr.Geometry(ogr.wkbPoint)
        p.AddPoint_2D(*other.pt)
        return self.geom.Contains(p)


def read_osm(path):
    ds = ogr.Open(path)
    feats = []
    for layer_name, is_point in (("points", True), ("multipolygons", False)):
        lyr = ds.GetLayerByName(layer_name)
        defn = lyr.GetLayerDefn()
        names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        for f in lyr:
            tags = {}
            for i, n in enumerate(names):
                if n in ("osm_id", "osm_way_id", "other_tags") or not f.IsFieldSetAndNotNull(i):
                    continue
                tags[n] = f.GetFieldAsString(i)
            ot = f.GetField("other_tags")
            if ot:
                for k, v in HSTORE.findall(ot):
                    tags.setdefault(unescape(k), unescape(v))
            if is_point:
                fid = "n" + f.GetField("osm_id")
            elif f.GetField("osm_way_id"):
                fid = "w" + f.GetField("osm_way_id")
            else:
                fid = "r" + f.GetField("osm_id")
            g = f.GetGeometryRef()
            if g is None or g.IsEmpty():
                continue
            feats.append(Feature(fid, tags, g.Clone(), is_point))
    return feats


def read_lines(path):
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName("lines")
    out = []
    for f in lyr:
        if f.GetField("highway") in DRIVABLE and f.GetGeometryRef() is not None:
            out.append((f.GetField("osm_id"), f.GetField("highway"), f.GetField("name"),
                        f.GetGeometryRef().Clone()))
    return out


def dedup(cands, radius_m, label):
    """Greedy de-duplication in priority order: named before unnamed, points
    (which carry the entrance and most tags) before polygons, then by id.  A
    candidate is a duplicate of a kept feature if one contains the other's
    representative point or (radius_m > 0) their points are within radius_m."""
    order = sorted(cands, key=lambda c: (c.name is None, not c.is_point, id_key(c.id)))
    kept = []
    for c in order:
        dup = None
        for k in kept:
            if k.contains(c) or c.contains(k) or (radius_m > 0 and haversine_m(k.pt, c.pt) <= radius_m):
                dup = k
                break
        if dup is None:
            kept.append(c)
            continue
        dup.merged.append(c.id)
        if c.area is not None and (dup.site_area is None or c.area > dup.site_area):
            dup.site_area = c.area
        for key, val in c.tags.items():
            dup.tags.setdefault(key, val)
        log(f"  {label}: {c.id} ({c.name}) merged into {dup.id} ({dup.name})")
    return kept


class Townships:
    def __init__(self, path, osm_feats, cfg):
        ds = ogr.Open(path)
        lyr = ds.GetLayer(0)
        admin = [f for f in osm_feats if not f.is_point and f.tag("boundary") == "administrative"
                 and f.tag("admin_level") == cfg["region_admin_level"] and f.name in cfg["region_codes"]]
        self.items = []
        self.snapped = []
        for f in lyr:
            g = f.GetGeometryRef().Clone()
            s = g.PointOnSurface()
            probe = Feature("x", {}, s, True)
            region = cfg["region_default"]
            for a in sorted(admin, key=lambda a: id_key(a.id)):
                if a.contains(probe):
                    region = cfg["region_codes"][a.name]
                    break
            pop = f.GetField("population")
            self.items.append({
                "id": f.GetField("osm_id"), "name": f.GetField("name"),
                "population": int(pop) if pop is not None else None,
                "region": region, "pop_source": f.GetField("pop_source"),
                "geom": g, "geom_laea": _laea(g),
            })
        self.items.sort(key=lambda t: id_key(t["id"]))

    def locate(self, pt):
        """Township containing pt; else the nearest within TOWNSHIP_SNAP_M; else None."""
        p = ogr.Geometry(ogr.wkbPoint)
        p.AddPoint_2D(*pt)
        for t in self.items:
            if t["geom"].Contains(p):
                return t
        p.Transform(TO_LAEA)
        best, bd = None, None
        for t in self.items:
            d = t["geom_laea"].Distance(p)
            if d <= TOWNSHIP_SNAP_M and (bd is None or d < bd):
                best, bd = t, d
        if best is not None:
            self.snapped.append((pt, best["name"], bd))
        return best


def _laea(g):
    c = g.Clone()
    c.Transform(TO_LAEA)
    return c


def place(feats, towns, label, problems):
    """Attach township/region; drop (and report) features outside the sample."""
    out = []
    for f in feats:
        n = len(towns.snapped)
        t = towns.locate(f.pt)
        if t is None:
            problems.append(f"{label} {f.id} ({f.name}) lies outside every township: dropped")
            continue
        if len(towns.snapped) > n:
            problems.append(f"{label} {f.id} ({f.name}) lies outside every township: "
                            f"given to {t['name']} at {towns.snapped[-1][2]:.0f} m")
        f.township = t
        out.append(f)
    return out


def display_name(f, label):
    if f.name:
        return f.name
    return f"unnamed {label}, {f.township['name']}"


def unique_names(rows, by_id):
    """Make names unique within a layer: a repeated OSM name gets
    ' (<township>)' appended; a name still repeated (or a repeated generated
    name, which already names its township) gets ' (<id>)'.  rows are (props, geom)."""
    for step in ("township", "id"):
        count = {}
        for props, _ in rows:
            count[props["name"]] = count.get(props["name"], 0) + 1
        for props, _ in rows:
            if count[props["name"]] < 2:
                continue
            base = by_id[props["id"]]
            if step == "township" and base.name:
                props["name"] = f"{props['name']} ({base.township['name']})"
            elif step == "id":
                props["name"] = f"{props['name']} ({props['id']})"
    return rows


# --------------------------------------------------------------------------
def write_geojson(path, layer_name, geom_type, fields, rows):
    """rows: list of (props dict, ogr.Geometry), already sorted."""
    if os.path.exists(path):
        os.remove(path)
    drv = ogr.GetDriverByName("GeoJSON")
    ds = drv.CreateDataSource(path)
    lyr = ds.CreateLayer(layer_name, WGS84, geom_type, options=["COORDINATE_PRECISION=7", "WRITE_BBOX=NO"])
    for name, ftype in fields:
        lyr.CreateField(ogr.FieldDefn(name, ftype))
    for props, geom in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        for name, _ in fields:
            v = props.get(name)
            if v is None:
                f.SetFieldNull(name)
            else:
                f.SetField(name, v)
        f.SetGeometry(geom)
        lyr.CreateFeature(f)
    ds = None


def point(pt):
    g = ogr.Geometry(ogr.wkbPoint)
    g.AddPoint_2D(*pt)
    return g


def planned_stock(depots, depot_township, towns, shelters, summary):
    """Malta's depot stock: depot id -> item -> quantity.  A region plans relief for the people
    its shelters hold (at most its population); a township's part is in proportion to its
    population.  A town hall (township depot) holds TOWNSHIP_DEPOT_SHARE of its township's part,
    the region's fire stations (county depots) the rest of the region's planned persons, in
    equal shares.  Daily
    items are stocked for STOCK_DAYS days, one-off items once (RATION)."""
    pop, cap = {}, {}
    for t in towns.items:
        pop[t["region"]] = pop.get(t["region"], 0) + (t["population"] or 0)
    for props, _ in shelters:
        cap[props["region"]] = cap.get(props["region"], 0) + props["capacity"]
    planned = {r: min(pop[r], cap.get(r, 0)) for r in pop}
    halls, fires = {}, {}
    for props, _ in depots:
        key = depot_township[props["id"]]["id"] if props["tier"] == "township" else props["region"]
        (halls if props["tier"] == "township" else fires)[key] = \
            (halls if props["tier"] == "township" else fires).get(key, 0) + 1
    persons = {}
    at_halls = {}  # region -> persons the region's town halls stock for
    for props, _ in depots:
        if props["tier"] == "township":
            t = depot_township[props["id"]]
            part = (t["population"] or 0) * planned[props["region"]] / pop[props["region"]]
            persons[props["id"]] = TOWNSHIP_DEPOT_SHARE * part / halls[t["id"]]
            at_halls[props["region"]] = at_halls.get(props["region"], 0) + persons[props["id"]]
    for props, _ in depots:
        if props["tier"] != "township":
            region = props["region"]
            persons[props["id"]] = (planned[region] - at_halls.get(region, 0)) / fires[region]
    stock = {}
    for props, _ in depots:
        # rounded before the ceiling, so float noise cannot add a unit
        stock[props["id"]] = {
            item: int(math.ceil(round(persons[props["id"]] * q * (STOCK_DAYS if daily else 1), 6)))
            for item, (q, daily) in RATION.items()}
    summary["planned persons per region (min of population, shelter capacity)"] = planned
    summary["persons stocked at town halls per region"] = {r: round(v) for r, v in at_halls.items()}
    return stock


def derive_candidates(feats, towns, select, shelters, out, problems, summary):
    """candidates.geojson: places where a new shelter could go, none of them a shelter already.
    Capacity is a planning assumption: usable area / 1.5 m2 per person on open ground
    (GB 21734-2008), floor area / 3.5 m2 per person in halls (Sphere)."""
    # (kind, predicate, usable share, m2 per person, site of a point, indoor)
    kinds = [
        ("college", lambda f: f.tag("amenity") == "college", CANDIDATE_CAMPUS_USABLE,
         CANDIDATE_OPEN_PER_PERSON_M2, CANDIDATE_SITE_POINT_M2),
        ("university", lambda f: f.tag("amenity") == "university", CANDIDATE_CAMPUS_USABLE,
         CANDIDATE_OPEN_PER_PERSON_M2, CANDIDATE_SITE_POINT_M2),
        ("community_centre", lambda f: f.tag("amenity") == "community_centre", 1.0,
         CANDIDATE_HALL_PER_PERSON_M2, CANDIDATE_HALL_POINT_M2),
        ("library", lambda f: f.tag("amenity") == "library", 1.0,
         CANDIDATE_HALL_PER_PERSON_M2, CANDIDATE_HALL_POINT_M2),
        ("sports_centre", lambda f: f.tag("leisure") == "sports_centre", CANDIDATE_SPORTS_USABLE,
         CANDIDATE_OPEN_PER_PERSON_M2, CANDIDATE_SITE_POINT_M2),
        ("stadium", lambda f: f.tag("leisure") == "stadium", CANDIDATE_SPORTS_USABLE,
         CANDIDATE_OPEN_PER_PERSON_M2, CANDIDATE_SITE_POINT_M2),
        ("pitch", lambda f: f.tag("leisure") == "pitch" and not f.is_point
         and f.area >= CANDIDATE_PITCH_MIN_M2, CANDIDATE_PITCH_USABLE,
         CANDIDATE_OPEN_PER_PERSON_M2, None),
        ("park", lambda f: f.tag("leisure") == "park" and not f.is_point
         and CANDIDATE_PARK_MIN_M2 <= f.area < PARK_MIN_M2, CANDIDATE_PARK_USABLE,
         CANDIDATE_OPEN_PER_PERSON_M2, None),
    ]
    shelter_areas = [f for f in shelters.values() if not f.is_point]
    kept, rows = {}, []
    counts = {}
    for kind, pred, usable, per_person, point_site in kinds:
        group = place(dedup(select(pred, kind), 0.0, kind), towns, kind, problems)
        for f in group:
            # a pitch in a school yard or a hall in a park is part of a shelter already;
            # a pitch inside a stadium or sports centre is part of that candidate
            if f.id in shelters or f.id in kept or any(s.contains(f) for s in shelter_areas) \
                    or any(k.contains(f) for k in kept.values()):
                continue
            site = f.site_area if f.site_area is not None else point_site
            capacity = int(math.floor(site * usable / per_person))
            if capacity < 1:
                continue
            kept[f.id] = f
            counts[kind] = counts.get(kind, 0) + 1
            rows.append(({"id": f.id, "name": display_name(f, kind.replace("_", " ")), "kind": kind,
                          "site_m2": round(site, 1), "capacity": capacity,
                          "basis": (f"planning assumption: {usable:.0%} of the "
                                    f"{'mapped' if f.site_area is not None else 'assumed'} "
                                    f"{'floor' if per_person > 2 else 'site'} area / "
                                    f"{per_person} m2 per person")},
                         point(f.pt)))
    rows.sort(key=lambda r: id_key(r[0]["id"]))
    unique_names(rows, kept)
    write_geojson(os.path.join(out, "candidates.geojson"), "candidates", ogr.wkbPoint,
                  [("id", ogr.OFTString), ("name", ogr.OFTString), ("kind", ogr.OFTString),
                   ("site_m2", ogr.OFTReal), ("capacity", ogr.OFTInteger), ("basis", ogr.OFTString)],
                  rows)
    summary["candidates"] = f"{len(rows)} {dict(sorted(counts.items()))}, capacity " \
                            f"{sum(p['capacity'] for p, _ in rows)}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", required=True, choices=sorted(SAMPLES))
    ap.add_argument("--osm", required=True)
    ap.add_argument("--townships", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    cfg = SAMPLES[args.sample]
    out = args.out
    problems = []
    summary = {}

    feats = read_osm(args.osm)
    towns = Townships(args.townships, feats, cfg)

    # ---- townships
    rows = [({k: t[k] for k in ("id", "name", "population", "region", "pop_source")}, t["geom"])
            for t in towns.items]
    write_geojson(os.path.join(out, "townships.geojson"), "townships", ogr.wkbMultiPolygon,
                  [("id", ogr.OFTString), ("name", ogr.OFTString), ("population", ogr.OFTInteger),
                   ("region", ogr.OFTString), ("pop_source", ogr.OFTString)], rows)
    summary["townships"] = len(rows)
    summary["population"] = sum(t["population"] or 0 for t in towns.items)
    summary["townships_without_population"] = [t["name"] for t in towns.items if t["population"] is None]

    excluded = cfg["exclude"]

    def select(pred, label):
        c = [f for f in feats if pred(f)]
        for f in c:
            if f.id in excluded:
                problems.append(f"{label} {f.id} ({f.name}) excluded: {excluded[f.id]}")
        return [f for f in c if f.id not in excluded]

    # ---- hospitals
    hosp = select(lambda f: f.tag("amenity") == "hospital" or f.tag("healthcare") == "hospital", "hospital")
    n_raw = len(hosp)
    hosp = place(dedup(hosp, DEDUP_RADIUS_M, "hospital"), towns, "hospital", problems)
    rows = []
    for h in hosp:
        if h.id in cfg["hospital_override"]:
            beds = cfg["hospital_override"][h.id]
        else:
            a = h.site_area or 0.0
            if a >= HOSPITAL_LARGE_M2:
                size = "large"
            elif a >= HOSPITAL_MEDIUM_M2 or h.tag("emergency") == "yes":
                size = "medium"
            else:
                size = "small"
            beds = HOSPITAL_BEDS[size]
            if h.tag("emergency") == "no":
                beds = (0, 0, beds[2], beds[3])
        rows.append(({"id": h.id, "name": display_name(h, "hospital"), "beds_red": beds[0],
                      "beds_yellow": beds[1], "beds_green": beds[2], "beds_surge": beds[3],
                      "region": h.township["region"]}, point(h.pt)))
    rows.sort(key=lambda r: id_key(r[0]["id"]))
    unique_names(rows, {h.id: h for h in hosp})
    write_geojson(os.path.join(out, "hospitals.geojson"), "hospitals", ogr.wkbPoint,
                  [("id", ogr.OFTString), ("name", ogr.OFTString), ("beds_red", ogr.OFTInteger),
                   ("beds_yellow", ogr.OFTInteger), ("beds_green", ogr.OFTInteger),
                   ("beds_surge", ogr.OFTInteger), ("region", ogr.OFTString)], rows)
    summary["hospitals"] = f"{len(rows)} (from {n_raw} OSM features)"
    summary["hospital_beds_red_yellow_green_surge"] = tuple(
        sum(r[0][k] for r in rows) for k in ("beds_red", "beds_yellow", "beds_green", "beds_surge"))

    # ---- clinics and ambulance stations (team bases only)
    clin = select(lambda f: (f.tag("amenity") == "clinic" or f.tag("healthcare") == "clinic")
                  and f.tag("amenity") != "hospital" and f.tag("healthcare") != "hospital", "clinic")
    n_clin_raw = len(clin)
    clin = dedup(clin, DEDUP_RADIUS_M, "clinic")
    clin2 = []
    for c in clin:
        near = [h for h in hosp if h.contains(c) or haversine_m(h.pt, c.pt) <= DEDUP_RADIUS_M]
        if near:
            log(f"  clinic: {c.id} ({c.name}) is at hospital {near[0].id} ({near[0].name}): not a separate base")
        else:
            clin2.append(c)
    clin = place(clin2, towns, "clinic", problems)
    amb = select(lambda f: f.tag("emergency") == "ambulance_station", "ambulance station")
    amb = place(dedup(amb, DEDUP_RADIUS_M, "ambulance station"), towns, "ambulance station", problems)

    # ---- fire stations and town halls (depots, team bases)
    fire = select(lambda f: f.tag("amenity") == "fire_station", "fire station")
    n_fire_raw = len(fire)
    fire = place(dedup(fire, DEDUP_RADIUS_M, "fire station"), towns, "fire station", problems)
    hall = select(lambda f: f.tag("amenity") == "townhall", "town hall")
    n_hall_raw = len(hall)
    hall = place(dedup(hall, DEDUP_RADIUS_M, "town hall"), towns, "town hall", problems)

    # ---- depots + inventory
    depots = []
    for f in hall:
        depots.append(({"id": f.id, "name": display_name(f, "town hall"), "region": f.township["region"],
                        "tier": "township"}, point(f.pt)))
    for f in fire:
        depots.append(({"id": f.id, "name": display_name(f, "fire station"), "region": f.township["region"],
                        "tier": "county"}, point(f.pt)))
    depots.sort(key=lambda r: id_key(r[0]["id"]))
    unique_names(depots, {f.id: f for f in hall + fire})
    write_geojson(os.path.join(out, "depots.geojson"), "depots", ogr.wkbPoint,
                  [("id", ogr.OFTString), ("name", ogr.OFTString), ("region", ogr.OFTString),
                   ("tier", ogr.OFTString)], depots)
    summary["depots"] = (f"{len(depots)} ({len(hall)} township from {n_hall_raw} town halls, "
                         f"{len(fire)} county from {n_fire_raw} fire stations)")
    depot_township = {f.id: f.township for f in hall + fire}

    # ---- teams
    teams = []
    team_base = {}

    def add_team(base, prefix, kind, n, label):
        for i in range(1, n + 1):
            team_base[f"{prefix}-{base.id}-{i}"] = base
            teams.append(({"id": f"{prefix}-{base.id}-{i}",
                           "name": f"{display_name(base, label)} {kind} {i}",
                           "kind": kind, "capacity": TEAM_CAPACITY[kind],
                           "region": base.township["region"]}, point(base.pt)))

    for h in hosp:
        add_team(h, "amb", "ambulance", 2, "hospital")
        add_team(h, "med", "medical", 1, "hospital")
    for c in clin:
        add_team(c, "amb", "ambulance", 1, "clinic")
    for a in amb:
        add_team(a, "amb", "ambulance", 2, "ambulance station")
    for f in fire:
        add_team(f, "fire", "fire", 1, "fire station")
        add_team(f, "resc", "rescue", 1, "fire station")
    teams.sort(key=lambda r: r[0]["id"])
    unique_names(teams, team_base)
    for i, (props, _) in enumerate(teams):
        props["status"] = "busy" if i % BUSY_EVERY == BUSY_EVERY - 1 else "available"
    write_geojson(os.path.join(out, "teams.geojson"), "teams", ogr.wkbPoint,
                  [("id", ogr.OFTString), ("name", ogr.OFTString), ("kind", ogr.OFTString),
                   ("capacity", ogr.OFTInteger), ("status", ogr.OFTString), ("region", ogr.OFTString)],
                  teams)
    kinds = {}
    for p, _ in teams:
        kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
    summary["teams"] = (f"{len(teams)} " + str(dict(sorted(kinds.items())))
                        + f", busy {sum(p['status'] == 'busy' for p, _ in teams)}; bases: "
                        f"{len(hosp)} hospitals, {len(clin)} clinics (from {n_clin_raw}), "
                        f"{len(amb)} ambulance stations, {len(fire)} fire stations")

    # ---- shelters
    shelters = []
    seen = {}

    def add_shelter(f, cls, eff_area, label, capacity=None):
        if f.id in seen:
            return
        seen[f.id] = f
        if capacity is None and cfg.get("planning_magnitudes"):
            # in whole tenths of m2, as the file rounds the area, so no float rounding creeps in
            tenths = int(round(eff_area * 10))
            capacity = tenths // int(round(SHELTER_M2_PER_PERSON[cls] * 10))
        shelters.append(({"id": f.id, "name": display_name(f, label), "class": cls,
                          "area_m2": round(eff_area, 1), "capacity": capacity, "status": "open",
                          "region": f.township["region"]}, point(f.pt)))

    def cap_tag(f):
        v = f.tag("capacity")
        return int(v) if v and v.isdigit() else None

    sh = select(lambda f: f.tag("amenity") == "shelter" and f.tag("shelter_type") != "public_transport"
                and f.tag("public_transport") is None, "shelter")
    n_bus = sum(1 for f in feats if f.tag("amenity") == "shelter") - len(sh)
    sh = place(dedup(sh, 0.0, "shelter"), towns, "shelter", problems)
    for f in sh:
        add_shelter(f, "emergency", f.site_area if f.site_area else SHELTER_POINT_M2, "shelter", cap_tag(f))
    ap_ = select(lambda f: f.tag("emergency") == "assembly_point", "assembly point")
    ap_ = place(dedup(ap_, 0.0, "assembly point"), towns, "assembly point", problems)
    for f in ap_:
        add_shelter(f, "emergency", f.site_area if f.site_area else ASSEMBLY_POINT_M2, "assembly point",
                    cap_tag(f))
    sch = select(lambda f: f.tag("amenity") == "school", "school")
    n_sch_raw = len(sch)
    sch = place(dedup(sch, 0.0, "school"), towns, "school", problems)
    n_small = 0
    cls_count = {}
    for f in sch:
        site = f.site_area if f.site_area is not None else SCHOOL_POINT_SITE_M2
        if f.site_area is not None and site < EMERGENCY_SITE_MIN_M2:
            n_small += 1
            continue
        cls = "fixed" if site >= FIXED_SITE_MIN_M2 else "emergency"
        cls_count[cls] = cls_count.get(cls, 0) + 1
        add_shelter(f, cls, site * SCHOOL_USABLE, "school", cap_tag(f))
    parks = select(lambda f: f.tag("leisure") == "park" and not f.is_point and f.area >= PARK_MIN_M2, "park")
    parks = place(dedup(parks, 0.0, "park"), towns, "park", problems)
    n_central = 0
    for f in parks:
        site = f.site_area
        cls = "central" if site >= CENTRAL_SITE_MIN_M2 else "fixed"
        n_central += cls == "central"
        add_shelter(f, cls, site * PARK_USABLE, "park", cap_tag(f))
    shelters.sort(key=lambda r: id_key(r[0]["id"]))
    unique_names(shelters, seen)
    write_geojson(os.path.join(out, "shelters.geojson"), "shelters", ogr.wkbPoint,
                  [("id", ogr.OFTString), ("name", ogr.OFTString), ("class", ogr.OFTString),
                   ("area_m2", ogr.OFTReal), ("capacity", ogr.OFTInteger), ("status", ogr.OFTString)],
                  shelters)
    by_class = {}
    for p, _ in shelters:
        by_class[p["class"]] = by_class.get(p["class"], 0) + 1
    summary["shelters"] = (f"{len(shelters)} {dict(sorted(by_class.items()))}: {len(sh)} amenity=shelter "
                           f"({n_bus} public-transport shelters skipped), {len(ap_)} assembly points, "
                           f"{sum(cls_count.values())} schools {dict(sorted(cls_count.items()))} "
                           f"(from {n_sch_raw} OSM school features; {n_small} sites < 0.1 ha skipped), "
                           f"{len(parks)} parks >= 1 ha ({n_central} central)")
    summary["shelter effective area m2"] = round(sum(p["area_m2"] for p, _ in shelters))
    summary["shelters without OSM name"] = sum(1 for f in sh + ap_ + sch + parks if not f.name
                                               and f.id in seen)

    # ---- inventory (after the shelters: Malta's stock follows their capacity)
    if cfg.get("planning_magnitudes"):
        stock = planned_stock(depots, depot_township, towns, shelters, summary)
    else:
        stock = {props["id"]: INVENTORY[props["tier"]] for props, _ in depots}
    n_inv = 0
    with open(os.path.join(out, "inventory.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["depot_id", "item", "quantity", "unit"])
        for props, _ in depots:
            for item, unit in ITEMS:
                w.writerow([props["id"], item, stock[props["id"]][item], unit])
                n_inv += 1
    summary["inventory rows"] = n_inv

    # ---- candidate sites for new shelters
    if cfg.get("candidates"):
        derive_candidates(feats, towns, select, seen, out, problems, summary)

    # ---- hazards
    lines = read_lines(args.osm)
    rows = []
    for hz in cfg["hazards"]:
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in hz["ring"] + [hz["ring"][0]]:
            ring.AddPoint_2D(x, y)
        poly = ogr.Geometry(ogr.wkbPolygon)
        poly.AddGeometry(ring)
        hit = [ln for ln in lines if ln[3].Intersects(poly)]
        names = sorted({ln[2] for ln in hit if ln[2]})
        if not hit:
            raise SystemExit(f"hazard {hz['id']} crosses no drivable road")
        log(f"  hazard {hz['id']}: crosses {len(hit)} drivable ways: {', '.join(names)}")
        summary[f"hazard {hz['id']}"] = f"{len(hit)} drivable ways, area {round(area_m2(poly))} m2"
        rows.append(({"id": hz["id"], "name": hz["name"], "kind": hz["kind"], "effect": hz["effect"],
                      "speed_factor": hz["speed_factor"],
                      "note": "scenario assumption for tests and demos, not an official hazard map"}, poly))
    rows.sort(key=lambda r: r[0]["id"])
    write_geojson(os.path.join(out, "hazards.geojson"), "hazards", ogr.wkbPolygon,
                  [("id", ogr.OFTString), ("name", ogr.OFTString), ("kind", ogr.OFTString),
                   ("effect", ogr.OFTString), ("speed_factor", ogr.OFTReal), ("note", ogr.OFTString)], rows)
    summary["hazards"] = len(rows)

    for p in problems:
        log("  problem: " + p)
    print(f"[{args.sample}]")
    for k, v in summary.items():
        print(f"  {k}: {v}")


if __name__ == "__main__":
    main()
