#!/usr/bin/python3
"""Fake camera for the browser test of the exam page, from the real photos
Debian ships with python3-skimage, composed by tests/fixtures/make_proctor_fixtures.py.

Run with Debian's interpreter (skimage and cv2 live there, not in pyenv):
    /usr/bin/python3 tests/browser/make_camera.py OUTDIR

Writes into OUTDIR (640x480 PNG unless said otherwise):
  one_face.png    the candidate (astronaut.png) at her desk, a garage behind her
  two_faces.png   the candidate moved aside and a second, different person
                  (an LFW face from skimage.data.lfw_subset, upscaled, with
                  shoulders) beside her
  id_photo.jpg    the candidate's ID photo: a portrait crop of astronaut.png
"""
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
import make_proctor_fixtures as F  # noqa: E402

HELPER_LFW = 12  # an LFW face the frontal cascades find beside the candidate


def helper(frame, face_w=112, c=(478, 196)):
    """A second person: shoulders in a dark sweater, then the LFW face on top."""
    cx, chin = int(c[0]), int(c[1] + face_w * 0.5)
    half = int(face_w * 1.05)
    neck = np.zeros(frame.shape[:2], np.float32)
    cv2.ellipse(neck, (cx, chin), (int(face_w * 0.2), 45), 0, 0, 360, 1.0, -1)
    body = np.zeros(frame.shape[:2], np.float32)
    cv2.ellipse(body, (cx, chin + 100), (half, 62), 0, 180, 360, 1.0, -1)
    cv2.rectangle(body, (cx - half, chin + 100), (cx + half, frame.shape[0]), 1.0, -1)
    for mask, colour in ((neck, (150, 150, 150)), (body, (96, 70, 48))):  # grey skin as in LFW; a blue sweater (BGR)
        m = cv2.GaussianBlur(mask, (0, 0), 3)[..., None]
        paint = F.noise(np.full_like(frame, colour), 6)
        frame[:] = (frame * (1 - m) + paint * m).clip(0, 255).astype(np.uint8)
    return F.add_lfw(frame, HELPER_LFW, face_w, c)


def main(out):
    os.makedirs(out, exist_ok=True)
    one, _ = F.candidate()
    cv2.imwrite(os.path.join(out, "one_face.png"), one)
    two, _ = F.candidate(face_w=120, c=(220, 190))
    helper(two)
    cv2.imwrite(os.path.join(out, "two_faces.png"), two)
    idp = cv2.resize(F.ASTRO[10:430, 70:385], (300, 400), interpolation=cv2.INTER_AREA)
    cv2.imwrite(os.path.join(out, "id_photo.jpg"), idp, [cv2.IMWRITE_JPEG_QUALITY, 92])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_camera.py OUTDIR")
    main(sys.argv[1])
