#!/usr/bin/python3
"""Compares the face cascades Debian ships (opencv-data) on the labelled set
written by tests/fixtures/make_proctor_fixtures.py --eval: face-count accuracy,
detection precision/recall and milliseconds per frame on one thread.

    /usr/bin/python3 tests/fixtures/make_proctor_fixtures.py /tmp/fx --eval
    /usr/bin/python3 tests/proctor/measure_cascades.py /tmp/fx/eval [--full]

Images are decoded the way the server decodes a 640x480 frame
(IMREAD_REDUCED_GRAYSCALE_2: 320x240), or at full size for the "@640" rows.
"""
import csv
import os
import sys
import time

import cv2
import numpy as np

CASC = "/usr/share/opencv4"
cv2.setNumThreads(1)


def load(d):
    rows = list(csv.DictReader(open(os.path.join(d, "labels.csv"))))
    data = []
    for r in rows:
        boxes = [tuple(map(int, b.split())) for b in r["boxes"].split(";") if b]
        raw = np.fromfile(os.path.join(d, r["file"]), np.uint8)
        data.append((r["category"], int(r["faces"]), boxes, raw))
    return data


def matches(det, truth, k):
    x, y, w, h = (v * k for v in det)
    cx, cy = x + w / 2, y + h / 2
    tx, ty, tw, th = truth
    # centre inside the true box and size within a factor 2
    return tx <= cx <= tx + tw and ty <= cy <= ty + th and 0.5 <= w / tw <= 2.0


def nms(boxes):
    """Drops boxes whose centre lies inside a stronger (earlier, larger) box."""
    out = []
    for b in sorted(boxes, key=lambda b: -b[2]):
        cx, cy = b[0] + b[2] / 2, b[1] + b[3] / 2
        if not any(o[0] <= cx <= o[0] + o[2] and o[1] <= cy <= o[1] + o[3] for o in out):
            out.append(b)
    return out


def rotated(img, cascades, angle, **kw):
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    r = cv2.warpAffine(img, m, (w, h), borderMode=cv2.BORDER_REPLICATE)
    inv = cv2.invertAffineTransform(m)
    out = []
    for c in cascades:
        for (x, y, bw, bh) in c.detectMultiScale(r, **kw):
            cx, cy = x + bw / 2, y + bh / 2
            px = inv[0, 0] * cx + inv[0, 1] * cy + inv[0, 2]
            py = inv[1, 0] * cx + inv[1, 1] * cy + inv[1, 2]
            out.append((int(px - bw / 2), int(py - bh / 2), int(bw), int(bh)))
    return out


def run(data, name, detect, full=False):
    flags = cv2.IMREAD_GRAYSCALE if full else cv2.IMREAD_REDUCED_GRAYSCALE_2
    k = 1 if full else 2
    tp = fp = fn = 0
    exact = 0
    miss_all = 0   # a face present, none counted (false "no face")
    extra = 0      # at most one face present, two or more counted (false "several faces")
    n_present = n_single = 0
    percat = {}
    t = 0.0
    for cat, n, boxes, raw in data:
        img = cv2.imdecode(raw, flags)
        t0 = time.perf_counter()
        dets = nms(detect(img))
        t += time.perf_counter() - t0
        used = set()
        for dbox in dets:
            hit = next((i for i, b in enumerate(boxes) if i not in used and matches(dbox, b, k)), None)
            if hit is None:
                fp += 1
            else:
                used.add(hit)
                tp += 1
        fn += len(boxes) - len(used)
        ok = len(dets) == n
        exact += ok
        c = percat.setdefault(cat, [0, 0])
        c[0] += ok
        c[1] += 1
        if n >= 1:
            n_present += 1
            miss_all += len(dets) == 0
        if n <= 1:
            n_single += 1
            extra += len(dets) >= 2
    prec = tp / max(1, tp + fp)
    rec = tp / max(1, tp + fn)
    cats = " ".join("%s %d/%d" % (c, v[0], v[1]) for c, v in percat.items())
    print("| %-44s | %5.1f %% | %5.3f | %5.3f | %4.1f %% | %4.1f %% | %6.2f |" % (
        name, 100 * exact / len(data), prec, rec, 100 * miss_all / max(1, n_present),
        100 * extra / max(1, n_single), 1000 * t / len(data)))
    print("    " + cats, file=sys.stderr)


def main():
    d = sys.argv[1]
    data = load(d)
    full = "--full" in sys.argv
    names = {
        "default": "haarcascades/haarcascade_frontalface_default.xml",
        "alt": "haarcascades/haarcascade_frontalface_alt.xml",
        "alt2": "haarcascades/haarcascade_frontalface_alt2.xml",
        "alt_tree": "haarcascades/haarcascade_frontalface_alt_tree.xml",
        "lbp": "lbpcascades/lbpcascade_frontalface.xml",
        "lbp_improved": "lbpcascades/lbpcascade_frontalface_improved.xml",
        "profile": "haarcascades/haarcascade_profileface.xml",
        "lbp_profile": "lbpcascades/lbpcascade_profileface.xml",
    }
    c = {k: cv2.CascadeClassifier(os.path.join(CASC, v)) for k, v in names.items()}
    print("%d images" % len(data))
    print("| detector (320x240 unless @640) | count exact | precision | recall | face missed | false 2+ | ms/frame |")
    print("|---|---|---|---|---|---|---|")
    for casc in ["default", "alt", "alt2", "alt_tree", "lbp", "lbp_improved"]:
        for sf in (1.1, 1.2):
            for mn in (3, 5):
                run(data, "%s sf %.1f mn %d" % (casc, sf, mn),
                    lambda img, cc=c[casc], sf=sf, mn=mn: list(cc.detectMultiScale(img, sf, mn)))
    if full:
        for casc in ["alt2", "lbp_improved", "default"]:
            run(data, "%s @640 sf 1.1 mn 4 min 40" % casc,
                lambda img, cc=c[casc]: list(cc.detectMultiScale(img, 1.1, 4, minSize=(40, 40))), full=True)
    # frontal + profile (both directions) + rotated retries
    base = c["alt2"]

    def combo(img, prof=True, rot=False, sf=1.1, mn=3):
        dets = list(base.detectMultiScale(img, sf, mn))
        if dets:
            return dets
        if prof:
            dets += list(c["profile"].detectMultiScale(img, sf, mn + 1))
            fl = img[:, ::-1]
            for (x, y, w, h) in c["profile"].detectMultiScale(np.ascontiguousarray(fl), sf, mn + 1):
                dets.append((img.shape[1] - x - w, y, w, h))
        if rot and not dets:
            for a in (25, -25):
                dets += rotated(img, [base], a, scaleFactor=sf, minNeighbors=mn)
        return dets

    run(data, "alt2 1.1/3 + profile when none", lambda img: combo(img))
    run(data, "alt2 1.1/3 + profile + rotate +-25 when none", lambda img: combo(img, rot=True))
    run(data, "alt2 1.1/3 + rotate +-25 when none", lambda img: combo(img, prof=False, rot=True))


if __name__ == "__main__":
    main()
