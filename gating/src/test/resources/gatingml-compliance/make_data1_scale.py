"""Decodes data1.fcs (FCS 2.0, 16-bit big-endian integers) to Gating-ML scale values.

Written for MRDFlow's tests as an independent decoder of the compliance file: $PnE = f1,f2 with
f1 > 0 gives f2' * 10^(f1 * x / $PnR) (f2' = f2, or 1 when f2 = 0), linear channels are divided
by $PnG (Gating-ML 2.0 / FCS 3.1 channel-to-scale conversion). Output: data1_scale.csv, one row
per event, values as Python reprs (shortest exact doubles).
Usage: python3 make_data1_scale.py path/to/data1.fcs > data1_scale.csv
"""
import sys

import numpy as np

raw = open(sys.argv[1], 'rb').read()
text_start, text_end = int(raw[10:18]), int(raw[18:26])
data_start = int(raw[26:34])
text = raw[text_start:text_end + 1].decode('latin1')
parts = text[1:].split(text[0])
keywords = dict(zip(parts[0::2], parts[1::2]))
events, params = int(keywords['$TOT']), int(keywords['$PAR'])
values = np.frombuffer(raw[data_start:data_start + events * params * 2], dtype='>u2')
values = values.reshape(events, params).astype(np.float64)
names = [keywords['$P%dN' % (i + 1)] for i in range(params)]
for i in range(params):
    f1, f2 = (float(v) for v in keywords['$P%dE' % (i + 1)].split(','))
    if f1 > 0:
        values[:, i] = (f2 if f2 > 0 else 1.0) * 10 ** (f1 * values[:, i] / float(keywords['$P%dR' % (i + 1)]))
    else:
        values[:, i] = values[:, i] / float(keywords.get('$P%dG' % (i + 1), '1'))
print(','.join(names))
for row in values:
    print(','.join(repr(float(v)) for v in row))
