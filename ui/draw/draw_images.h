// draw_images.h — between QImages and the preprocessing's ink images (core/draw).
//
// The canvas is dark ink on white; MNIST is ink = 1 on background = 0. These functions do the
// conversions the Draw view needs, so that the view, the tests and the faithfulness measurement
// all run the same pipeline: canvas → inkFromCanvas → preprocessForMnist → network.
#pragma once

#include "core/draw/mnist_preprocess.h"

#include <QImage>
#include <QString>

#include <optional>

#include <vector>

namespace nnlab {
struct Dataset;
}

// The canvas's ink: 1 − lightness (the canvas is always white paper).
nnlab::InkImage inkFromCanvas(const QImage& canvas);

// Ink as a picture for the canvas: dark on white, Format_RGB32.
QImage canvasPicture(const nnlab::InkImage& ink);

// Test digit `index` of `set` as it would look drawn on the canvas: enlarged to side × side
// (×10 for 280; linear interpolation, so it looks like a pen stroke), dark on white.
QImage digitAsDrawing(const nnlab::Dataset& set, int index, int side);

// The preprocessed 28×28 input as an image (dark on white, like the book's figures).
QImage inputImage(const std::vector<float>& pixels, int side = 28);

// Reads an image file (PNG, JPG, ...) as ink fitted to side × side, centred, aspect ratio kept:
// the background (the median of the border) becomes 0, the strongest ink 1, whatever the
// polarity; transparent pixels count as white paper. Huge files are decoded at a reduced size
// and tiny ones enlarged. Returns false with a one-line reason in *error.
bool loadInkImage(const QString& path, int side, nnlab::InkImage* ink, QString* error);

// The same for an image file's bytes already in memory (the format is told by the content);
// `name` names the file in the error. The fuzzer (fuzz/fuzz_draw_image.cpp) tests this path.
bool loadInkImageData(const QByteArray& bytes, const QString& name, int side, nnlab::InkImage* ink,
                      QString* error);

// The same for an image already in memory.
nnlab::InkImage inkFromPicture(const QImage& image, int side);

// The whole canvas pipeline: canvas → ink → MNIST preprocessing. nullopt: nothing is drawn.
std::optional<nnlab::MnistInput> preprocessCanvas(const QImage& canvas);
