// digit_image.h — one dataset image as a QImage, the way the book's figures draw digits.
#pragma once

#include <QImage>

namespace nnlab {
struct Dataset;
}

// Column `index` of `set` as a Grayscale8 image of imageCols × imageRows pixels: dark ink on a
// light background (pixel value 1 → black, 0 → white), like the figures in the book.
// Scale it up with Qt::FastTransformation to keep the pixels crisp.
QImage digitImage(const nnlab::Dataset& set, int index);
