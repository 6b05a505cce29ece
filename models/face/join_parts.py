"""Joins teachers_<split>.partK-P.f32 (scripts/face/teachers.ts --part) into teachers_<split>.f32.

    /usr/bin/python3 models/face/join_parts.py fer2013_train 2"""
import os, sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
split, p = sys.argv[1], int(sys.argv[2])
parts = [np.fromfile(os.path.join(HERE, 'work', f'teachers_{split}.part{k}-{p}.f32'), np.float32) for k in range(p)]
a = np.concatenate(parts)
n = os.path.getsize(os.path.join(os.path.dirname(HERE), '..', '..', 'shared', 'data', 'faces', f'{split}.bin')) // 2304
assert a.size == n * 21, (a.size, n)
a.tofile(os.path.join(HERE, 'work', f'teachers_{split}.f32'))
print(f'teachers_{split}.f32: {n} rows from {p} parts')
