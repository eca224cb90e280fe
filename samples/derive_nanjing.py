#!/usr/bin/env python3
"""Derive the Chinese county sample (samples/nanjing) from the Nanjing Xinjiekou OSM extract.

The files are written the way a Chinese county emergency office has them, so that muster's import
is tried on what it will meet:
  roads.shp, townships.shp, depots.shp, hospitals.shp, hazards.shp, candidates.shp
      Shapefiles in GBK with no .cpg and no DBF code page, projected to CGCS2000 / 3-degree
      Gauss-Kruger CM 120E (EPSG:4549), Chinese field names (行政区划代码 is cut by the DBF's
      10-byte limit to 行政区划代)
  shelters.xlsx   an Excel workbook with 经度/纬度 columns
  inventory.csv   GB18030, as Excel on Chinese Windows saves it
  teams.csv       UTF-8 with a BOM, positions in GCJ-02 (copied from an online map)
  incidents.csv   UTF-8, casualty counts 危重/重症/轻症

Every geometry, id and name is real OpenStreetMap data (ODbL); every attribute value is a
planning assumption, listed in README.md and in the ASSUMPTIONS below. Deterministic: the same
extract gives byte-identical files (except the .xlsx container's zip timestamps, which GDAL fixes).

    /usr/bin/python3 samples/derive_nanjing.py OSM_FILE OUT_DIR
"""

import csv
import io
import math
import os
import re
import sys

from osgeo import gdal, ogr, osr

# The extract's layers are read one after the other, not interleaved (derive.sh sets it for
# ogr2ogr).
gdal.SetConfigOption("OGR_INTERLEAVED_READING", "NO")
ogr.UseExceptions()
osr.UseExceptions()

CRS_EPSG = 4549          # CGCS2000 / 3-degree Gauss-Kruger CM 120E: Nanjing's 3-degree zone
GRID_M = 1000.0          # townships: 1 km planning grid cells (the extract has no township boundaries)
DENSITY_PER_KM2 = 15000  # ASSUMPTION: residents per km² of central Nanjing
SCHOOL_USABLE = 0.30     # ASSUMPTION (as the Malta sample): usable open share of a school site
PARK_USABLE = 0.50       # ASSUMPTION: usable share of a park
SPORTS_USABLE = 0.50     # ASSUMPTION: usable share of a stadium or sports centre

# Road class words of a Chinese road register for OSM's highway classes (ASSUMPTION: the
# register uses CJJ 37-2012's urban classes and their common variants).
ROAD_CLASS = {
    "motorway": "快速路", "trunk": "城市快速路", "primary": "城市主干道", "secondary": "次干道",
    "tertiary": "支路", "unclassified": "支路", "residential": "支路", "living_street": "支路",
    "service": "支路", "pedestrian": "步行街", "footway": "人行道", "steps": "人行道",
    "path": "人行道", "cycleway": "非机动车道",
}
# Region codes (GB/T 2260) of the districts the clip covers, by a simple rule: the clip's south
# part lies in 秦淮区, its north part west of 中山路 in 鼓楼区, east of it in 玄武区 (ASSUMPTION:
# an approximation of the real boundaries).
def region_of(lon, lat):
    if lat < 32.040:
        return "320104"
    return "320106" if lon < 118.783 else "320102"


def log(msg):
    print("derive_nanjing: " + msg, file=sys.stderr)


def tags_of(feature):
    text = feature.GetField("other_tags") or ""
    return dict(re.findall(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"', text))


def field(feature, name):
    defn = feature.GetDefnRef()
    if defn.GetFieldIndex(name) >= 0:
        return feature.GetField(name)
    return tags_of(feature).get(name)


def to_cgcs():
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    gk = osr.SpatialReference()
    gk.ImportFromEPSG(CRS_EPSG)
    gk.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return wgs, gk, osr.CoordinateTransformation(wgs, gk), osr.CoordinateTransformation(gk, wgs)


WGS, GK, TO_GK, TO_WGS = to_cgcs()


def projected(geom):
    g = geom.Clone()
    g.Transform(TO_GK)
    return g


def point_of(geom):
    """A WGS84 point on the feature: itself, or a point on a polygon's surface."""
    if geom.GetGeometryType() in (ogr.wkbPoint, ogr.wkbPoint25D):
        return geom.GetX(), geom.GetY()
    p = geom.PointOnSurface()
    return p.GetX(), p.GetY()


def area_m2(geom):
    if geom.GetGeometryType() in (ogr.wkbPoint, ogr.wkbPoint25D):
        return 0.0
    return projected(geom).GetArea()


# GCJ-02: the published forward formula (the one AMap's and Tencent's maps apply).
def wgs84_to_gcj02(lon, lat):
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lon - 105.0, lat - 35.0
    d_lat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
             + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
             + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
             + (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0)
    d_lon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
             + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
             + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
             + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - ee * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((a * (1 - ee)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (a / sqrt_magic * math.cos(rad) * math.pi)
    return lon + d_lon, lat + d_lat


def read_osm(path):
    """Every feature of the extract's layers, in file order: (layer, id, tags, geometry)."""
    ds = ogr.Open(path)
    out = []
    for layer_name in ("points", "lines", "multipolygons"):
        layer = ds.GetLayerByName(layer_name)
        layer.ResetReading()
        for f in layer:
            geom = f.GetGeometryRef()
            if geom is None or geom.IsEmpty():
                continue
            tags = tags_of(f)
            for key in ("name", "highway", "amenity", "leisure", "oneway", "maxspeed"):
                value = field(f, key)
                if value is not None:
                    tags[key] = value
            osm_id = f.GetField("osm_id") if f.GetDefnRef().GetFieldIndex("osm_id") >= 0 else None
            if not osm_id and f.GetDefnRef().GetFieldIndex("osm_way_id") >= 0:
                osm_id = f.GetField("osm_way_id")
                osm_id = ("w" + osm_id) if osm_id else None
            elif osm_id:
                osm_id = ("n" if layer_name == "points" else "w") + osm_id
            if not osm_id:
                osm_id = "r" + (f.GetField("osm_id") or str(f.GetFID()))
            out.append((layer_name, osm_id, tags, geom.Clone()))
    return out


def write_shapefile(path, geom_type, fields, rows):
    """A GBK Shapefile in EPSG:4549 with no .cpg and no code page: what ArcGIS on Chinese Windows
    leaves when the .cpg is lost, and what many county offices hold."""
    driver = ogr.GetDriverByName("ESRI Shapefile")
    if os.path.exists(path):
        driver.DeleteDataSource(path)
    ds = driver.CreateDataSource(path)
    layer = ds.CreateLayer(os.path.splitext(os.path.basename(path))[0], GK, geom_type,
                           ["ENCODING=CP936", "DBF_DATE_LAST_UPDATE=2021-06-12"])
    for name, kind, width in fields:
        defn = ogr.FieldDefn(name, kind)
        if width:
            defn.SetWidth(width)
        layer.CreateField(defn)
    for values, geom in rows:
        f = ogr.Feature(layer.GetLayerDefn())
        for i, value in enumerate(values):
            if value is not None:
                f.SetField(i, value)
        f.SetGeometry(projected(geom))
        layer.CreateFeature(f)
    ds = None
    base = os.path.splitext(path)[0]
    os.remove(base + ".cpg")
    with open(base + ".dbf", "r+b") as dbf:  # byte 29: the language driver id (code page)
        dbf.seek(29)
        dbf.write(b"\x00")


def write_csv(path, header, rows, encoding):
    text = io.StringIO()
    w = csv.writer(text, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow(row)
    with open(path, "wb") as out:
        out.write(text.getvalue().encode(encoding))


def write_xlsx(path, sheet, header, rows):
    driver = ogr.GetDriverByName("XLSX")
    if os.path.exists(path):
        os.remove(path)
    ds = driver.CreateDataSource(path)
    layer = ds.CreateLayer(sheet, None, ogr.wkbNone)
    for name, kind in header:
        layer.CreateField(ogr.FieldDefn(name, kind))
    for row in rows:
        f = ogr.Feature(layer.GetLayerDefn())
        for i, value in enumerate(row):
            if value is not None:
                f.SetField(i, value)
        layer.CreateFeature(f)
    ds = None


def fixed(x, digits=7):
    return float(f"{x:.{digits}f}")


def main():
    osm, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    feats = read_osm(osm)

    # Roads: every highway line, with the register's class word, speed limit and one-way flag.
    roads = []
    for layer, osm_id, tags, geom in feats:
        highway = tags.get("highway")
        if layer != "lines" or highway not in ROAD_CLASS:
            continue
        speed = re.match(r"\d+", tags.get("maxspeed", ""))
        oneway = tags.get("oneway")
        # Both spellings a register uses for the one-way flag; 双向 where OSM says nothing.
        flag = {"yes": "单向", "1": "单向", "-1": None, "no": "双向"}.get(oneway, "双向")
        if flag is None:
            continue  # reversed one-ways: not a register's way of saying it
        if int(osm_id[1:]) % 2:
            flag = {"单向": "是", "双向": "否"}[flag]
        # The register's structure word: 高架桥 for a viaduct, 桥梁 for other bridges, 隧道 or
        # 地道 (an underpass) for tunnels, empty for ordinary road.
        structure = ""
        if tags.get("bridge", "no") != "no":
            structure = "高架桥" if tags["bridge"] == "viaduct" else "桥梁"
        elif tags.get("tunnel", "no") != "no":
            structure = "隧道" if int(osm_id[1:]) % 2 else "地道"
        roads.append(((osm_id, tags.get("name"), ROAD_CLASS[highway],
                       int(speed.group()) if speed else 0, flag, structure), geom))
    write_shapefile(os.path.join(out, "roads.shp"), ogr.wkbLineString,
                    [("编号", ogr.OFTString, 16), ("道路名称", ogr.OFTString, 60),
                     ("道路等级", ogr.OFTString, 20), ("限速", ogr.OFTInteger, 4),
                     ("单行", ogr.OFTString, 4), ("结构", ogr.OFTString, 8)], roads)
    log(f"{len(roads)} roads")

    # Townships: 1 km cells of the Gauss-Kruger grid over the roads, clipped to the roads' extent.
    xs, ys = [], []
    for _, geom in roads:
        env = projected(geom).GetEnvelope()
        xs += [env[0], env[1]]
        ys += [env[2], env[3]]
    x0, x1 = math.floor(min(xs) / GRID_M) * GRID_M, max(xs)
    y0, y1 = math.floor(min(ys) / GRID_M) * GRID_M, max(ys)
    extent_gk = ogr.CreateGeometryFromWkt(
        f"POLYGON(({min(xs)} {min(ys)},{max(xs)} {min(ys)},{max(xs)} {max(ys)},"
        f"{min(xs)} {max(ys)},{min(xs)} {min(ys)}))")
    towns = []
    row = 0
    y = y1
    while y > y0:
        y -= GRID_M
        row += 1
        col = 0
        x = x0
        while x < x1:
            col += 1
            cell = ogr.CreateGeometryFromWkt(
                f"POLYGON(({x} {y},{x + GRID_M} {y},{x + GRID_M} {y + GRID_M},{x} {y + GRID_M},{x} {y}))"
            ).Intersection(extent_gk)
            x += GRID_M
            if cell.IsEmpty() or cell.GetArea() < 1.0:
                continue
            population = int(round(cell.GetArea() / 1e6 * DENSITY_PER_KM2))
            cell.Transform(TO_WGS)
            lon, lat = point_of(cell)
            code = f"G{row:02d}{col:02d}"
            towns.append(((code, f"新街口网格{row}-{col}", population, region_of(lon, lat)), cell))
    write_shapefile(os.path.join(out, "townships.shp"), ogr.wkbPolygon,
                    [("编号", ogr.OFTString, 8), ("名称", ogr.OFTString, 30),
                     ("常住人口", ogr.OFTInteger, 9), ("行政区划代码", ogr.OFTString, 6)], towns)
    log(f"{len(towns)} townships, population {sum(t[0][2] for t in towns)}")

    def named(tags, fallback):
        return tags.get("name") or fallback

    # Shelters: stadiums and sports centres (中心), schools (固定), parks (紧急), as a county's
    # shelter list has them: Excel, one row per site, GB 21734 classes Ⅰ/Ⅱ/Ⅲ类 and GB 51143 words.
    shelters, candidates = [], []
    seen = set()
    for layer, osm_id, tags, geom in feats:
        amenity, leisure = tags.get("amenity"), tags.get("leisure")
        name = tags.get("name")
        if layer != "multipolygons":
            continue
        site = area_m2(geom)
        if amenity in ("parking", "marketplace") and site >= 1000:
            candidates.append(((osm_id, name or "停车场" + osm_id, int(site * 0.5 / 1.5)), geom))
            continue
        if not name or name in seen:
            continue
        if leisure in ("stadium", "sports_centre"):
            usable = SPORTS_USABLE
        elif amenity == "school":
            usable = SCHOOL_USABLE
        elif leisure == "park":
            usable = PARK_USABLE
        else:
            continue
        # The class by the site's size (GB 50413-2007: emergency >= 0.1 ha, fixed >= 1 ha,
        # central >= 50 ha, as the Malta sample), written in the words of either standard.
        if site < 1000:
            continue
        # GB 21734's classes (Ⅰ/Ⅱ/Ⅲ类) all lodge people: they name central and fixed sites only.
        words = (("中心避难场所", "Ⅰ类") if site >= 500000 else
                 ("固定避难场所", "二类") if site >= 10000 else ("紧急避难场所", "紧急"))
        cls = words[len(shelters) % 2]
        seen.add(name)
        lon, lat = point_of(geom)
        status = "未启用" if name == "南京市第九中学" else "已启用"
        shelters.append((osm_id, name, cls, round(site * usable, 1), status, fixed(lon), fixed(lat)))
    write_xlsx(os.path.join(out, "shelters.xlsx"), "应急避难场所",
               [("编号", ogr.OFTString), ("名称", ogr.OFTString), ("类别", ogr.OFTString),
                ("有效面积", ogr.OFTReal), ("状态", ogr.OFTString), ("经度", ogr.OFTReal),
                ("纬度", ogr.OFTReal)], shelters)
    log(f"{len(shelters)} shelters")

    # Hospitals: beds per hospital (ASSUMPTION, by the hospital's kind), one total as registers
    # keep it; muster splits it into triage categories.
    beds_of = {"江苏省中医院": 3000, "八一医院": 2000, "江苏省口腔医院": 200}
    hospitals, seen = [], set()
    for layer, osm_id, tags, geom in feats:
        if tags.get("amenity") != "hospital":
            continue
        name = named(tags, "医院" + osm_id)
        if name in seen:
            continue
        seen.add(name)
        lon, lat = point_of(geom)
        hospitals.append(((osm_id, name, beds_of.get(name, 100), region_of(lon, lat)),
                          ogr.CreateGeometryFromWkt(f"POINT({lon} {lat})")))
    write_shapefile(os.path.join(out, "hospitals.shp"), ogr.wkbPoint,
                    [("编号", ogr.OFTString, 16), ("名称", ogr.OFTString, 40),
                     ("床位数", ogr.OFTInteger, 6), ("行政区划代码", ogr.OFTString, 6)], hospitals)
    log(f"{len(hospitals)} hospitals")

    # Teams: two ambulances (救护车) at each hospital, fire-rescue teams (消防救援队) at the police
    # stations (the clip has no fire station: ASSUMPTION), rescue teams (救援队伍) at the district
    # offices, a medical team at the maternal and child health clinic. Positions in GCJ-02.
    teams = []
    # What an unnamed base is called in a team's name.
    BASE_WORD = {"hospital": "医院", "police": "派出所", "townhall": "区政府", "clinic": "诊所"}

    def add_team(base_id, base_tags, geom, kind, n, capacity):
        lon, lat = point_of(geom)
        g_lon, g_lat = wgs84_to_gcj02(lon, lat)
        for i in range(n):
            status = "执行任务中" if len(teams) % 5 == 3 else ("待命" if i else "可用")
            base = named(base_tags, BASE_WORD[base_tags.get("amenity")] + base_id)
            teams.append((f"{base_id}-{i + 1}", f"{base}{kind}{i + 1}号", kind,
                          status, capacity, region_of(lon, lat), f"{g_lon:.6f}", f"{g_lat:.6f}"))
    for layer, osm_id, tags, geom in feats:
        amenity = tags.get("amenity")
        if amenity == "hospital" and layer == "points":
            add_team(osm_id, tags, geom, "救护车", 2, 1)
        elif amenity == "police":
            add_team(osm_id, tags, geom, "消防救援队", 1, 6)
        elif amenity == "townhall":
            add_team(osm_id, tags, geom, "救援队伍", 1, 10)
        elif amenity == "clinic":
            add_team(osm_id, tags, geom, "医疗队", 1, 4)
    write_csv(os.path.join(out, "teams.csv"),
              ["编号", "名称", "队伍类型", "状态", "人数", "行政区划代码", "经度", "纬度"], teams,
              "utf-8-sig")
    log(f"{len(teams)} teams")

    # Depots: the district offices and markets hold relief stock (ASSUMPTION): one municipal
    # (市级) depot, district (区级) and street (街道) depots.
    depots, inventory = [], []
    tiers = ["市级", "区级", "区级", "街道", "街道"]
    stock = {"市级": (800000, 200000, 50000, 10000, 1000), "区级": (300000, 80000, 20000, 4000, 400),
             "街道": (60000, 15000, 4000, 800, 80)}
    items = [("饮用水", "升"), ("方便食品", "份"), ("棉被", "床"), ("帐篷", "顶"), ("急救包", "个")]
    for layer, osm_id, tags, geom in feats:
        if tags.get("amenity") not in ("townhall", "marketplace") or len(depots) == len(tiers):
            continue
        lon, lat = point_of(geom)
        tier = tiers[len(depots)]
        depots.append(((osm_id, named(tags, osm_id) + "应急物资储备点", tier, region_of(lon, lat)),
                       ogr.CreateGeometryFromWkt(f"POINT({lon} {lat})")))
        for (item, unit), quantity in zip(items, stock[tier]):
            inventory.append((osm_id, item, quantity, unit))
    write_shapefile(os.path.join(out, "depots.shp"), ogr.wkbPoint,
                    [("编号", ogr.OFTString, 16), ("名称", ogr.OFTString, 60),
                     ("级别", ogr.OFTString, 8), ("行政区划代码", ogr.OFTString, 6)], depots)
    write_csv(os.path.join(out, "inventory.csv"), ["储备库编号", "物资名称", "数量", "单位"],
              inventory, "gb18030")
    log(f"{len(depots)} depots, {len(inventory)} inventory rows")

    # Hazards (ASSUMPTION, a planning scenario): waterlogging (内涝) in the 大行宫 underpass area
    # slows traffic to half; a collapsed building closes a block west of 新街口.
    def circle(lon, lat, radius_m):
        x, y, _ = TO_GK.TransformPoint(lon, lat)
        c = ogr.CreateGeometryFromWkt(f"POINT({x} {y})").Buffer(radius_m, 8)
        c.Transform(TO_WGS)
        return c
    hazards = [(("H1", "大行宫地区内涝", "内涝", "减速", 0.5), circle(118.7905, 32.0430, 250)),
               (("H2", "新街口西侧房屋倒塌", "地震", "封路", None), circle(118.7790, 32.0415, 120))]
    write_shapefile(os.path.join(out, "hazards.shp"), ogr.wkbPolygon,
                    [("编号", ogr.OFTString, 4), ("名称", ogr.OFTString, 40),
                     ("灾害类型", ogr.OFTString, 10), ("措施", ogr.OFTString, 6),
                     ("速度系数", ogr.OFTReal, 0)], hazards)

    # Candidate shelter sites: parking lots and markets (ASSUMPTION: half the site usable, 1.5 m²
    # per person).
    write_shapefile(os.path.join(out, "candidates.shp"), ogr.wkbPolygon,
                    [("编号", ogr.OFTString, 16), ("名称", ogr.OFTString, 40),
                     ("容量", ogr.OFTInteger, 8)],
                    candidates)

    # A mass-casualty scenario (ASSUMPTION): two incidents with casualties by triage category.
    write_csv(os.path.join(out, "incidents.csv"), ["编号", "名称", "危重", "重症", "轻症", "经度", "纬度"],
              [("E1", "新街口商场火灾", 6, 14, 30, "118.7842", "32.0418"),
               ("E2", "大行宫路口车祸", 2, 5, 9, "118.7925", "32.0436")], "utf-8")


if __name__ == "__main__":
    main()
