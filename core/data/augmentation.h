// augmentation.h — expanding the training data as chapter 6 does (network3's expand_mnist.py):
// each image, plus copies shifted by one pixel up, down, left and right (50,000 → 250,000), and
// optionally copies rotated by ±θ. The copies are made on the fly, one mini-batch at a time, so
// the expanded set costs no memory.
#pragma once

#include "core/data/dataset.h"

namespace nnlab {

struct Expansion {
    bool shifts = false;          // four one-pixel shifts of every image
    float rotationDegrees = 0.0f; // > 0: also rotate by +θ and −θ about the centre

    int variantsPerImage() const { return 1 + (shifts ? 4 : 0) + (rotationDegrees > 0.0f ? 2 : 0); }
    bool any() const { return variantsPerImage() > 1; }
};

// Writes variant `variant` (0 = the image itself; see variantsPerImage) of image `index` into
// `out` (inputSize floats). Shifted-in pixels are background (0).
void expandedImage(const Dataset& data, int index, int variant, const Expansion& expansion, float* out);

// Shift a rows×cols image by (dy, dx) pixels; rotate it by `degrees` (bilinear, about the centre).
void shiftImage(const float* in, int rows, int cols, int dy, int dx, float* out);
void rotateImage(const float* in, int rows, int cols, float degrees, float* out);

}  // namespace nnlab
