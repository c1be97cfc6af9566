#!/usr/bin/env python3
"""Writes N persons of Taiyuan (140100) as an import file: perf/persons.py N FILE (columns as README 'Reference data')."""
import sys

n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w", encoding="utf-8") as f:
    f.write("psn_no,insuplc_admdvs,psn_name,certno,insutype,psn_type,insured_active,cvlserv_flag,enterprise_supplementary,assistance_eligible\n")
    for i in range(n):
        employee = i % 3 != 0
        f.write(f"1401009{i:07d},140100,参保人{i},1401001980{i % 12 + 1:02d}{i:06d},{310 if employee else 390},"
                f"{(1 if i % 5 else 2) if employee else (3 if i % 4 else 4)},1,{1 if i % 50 == 0 else 0},0,{1 if i % 40 == 0 else 0}\n")
