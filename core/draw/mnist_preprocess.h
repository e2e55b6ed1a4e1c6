// mnist_preprocess.h — turning a drawing into the 28×28 input the networks were trained on.
//
// MNIST was made this way (LeCun, Cortes, Burges, "The MNIST database"): each NIST digit was
// size-normalised to fit a 20×20 box, aspect ratio preserved, with anti-aliasing (hence the grey
// levels), then placed in a 28×28 field so that its centre of mass sits at the centre. A digit
// drawn on a 280×280 canvas has to go through the same steps, or the network sees something
// unlike anything it learnt from. This file does them on a plain grayscale float image, no Qt.
//
// Convention: an InkImage holds ink in [0, 1] (MNIST's: 0 = background, 1 = ink), row-major.
// A drawing is dark ink on white; inkFromLightness() inverts it (and copes with photos).
#pragma once

#include <optional>
#include <vector>

namespace nnlab {

struct InkImage {
    int width = 0;
    int height = 0;
    std::vector<float> pixels;   // width·height values, row-major: pixels[y·width + x]

    InkImage() = default;
    InkImage(int w, int h, float fill = 0.0f) : width(w), height(h), pixels(size_t(w) * h, fill) {}
    float at(int x, int y) const { return pixels[size_t(y) * width + x]; }
    float& at(int x, int y) { return pixels[size_t(y) * width + x]; }
    bool isEmpty() const { return width <= 0 || height <= 0; }
};

// The smallest rectangle holding every pixel whose ink exceeds the threshold: columns
// [left, right) and rows [top, bottom).
struct InkBox {
    int left = 0;
    int top = 0;
    int right = 0;
    int bottom = 0;
    int width() const { return right - left; }
    int height() const { return bottom - top; }
    bool operator==(const InkBox&) const = default;
};

struct Point2 {
    double x = 0.0;
    double y = 0.0;
};

// nullopt when no pixel exceeds `threshold`: nothing is drawn.
std::optional<InkBox> inkBoundingBox(const InkImage& ink, float threshold = 0.0f);

// The ink-weighted mean pixel position, in pixel-index coordinates (pixel (x, y) sits at (x, y),
// as scipy.ndimage.center_of_mass counts). nullopt when the image holds no ink.
std::optional<Point2> centreOfMass(const InkImage& ink);

// The pixels [box) of `ink` as an image of their own.
InkImage crop(const InkImage& ink, const InkBox& box);

// Resamples to width × height, each axis on its own: shrinking averages the source over each
// target pixel's footprint (area averaging: the anti-aliasing MNIST's grey levels come from);
// enlarging interpolates linearly between pixel centres (a tiny image stays smooth).
InkImage resample(const InkImage& ink, int width, int height);

// Ink from lightness in [0, 1] (row-major): the background is the median of the border pixels;
// a light background (a drawing, a scan) is inverted, a dark one (an MNIST image) is not. The
// background level becomes 0 and the strongest ink 1, so a grey photo of a digit on paper
// comes out like a clean drawing. An image with no contrast at all gives all zeros.
InkImage inkFromLightness(int width, int height, const std::vector<float>& lightness);

struct MnistPreprocessOptions {
    int fieldSize = 28;          // the output is fieldSize × fieldSize
    int boxSize = 20;            // the ink is scaled to fit boxSize × boxSize
    float inkThreshold = 0.1f;   // pixels with less ink don't count for the bounding box
};

struct MnistInput {
    std::vector<float> pixels;   // fieldSize² values in [0, 1], row-major: MNIST's pixel order
    InkBox box;                  // the ink's bounding box in the source image
    int left = 0;                // where the scaled ink lies in the field: columns
    int top = 0;                 // [left, left + scaledWidth), rows [top, top + scaledHeight)
    int scaledWidth = 0;         // the ink's size after scaling, ≤ boxSize
    int scaledHeight = 0;
    Point2 centreOfMass;         // of the result, in the 28×28 field (≈ 14, 14)
};

// The whole MNIST recipe: crop to the ink's bounding box, scale to fit the 20×20 box preserving
// the aspect ratio (area averaging), place in the 28×28 field with the centre of mass at
// (14, 14) — the shift is the rounded offset of the centre of mass, as MNIST did, limited so
// that no ink leaves the field. nullopt when nothing is drawn.
std::optional<MnistInput> preprocessForMnist(const InkImage& ink,
                                             const MnistPreprocessOptions& options = {});

// A field that already is an MNIST input (a test digit): its pixels exactly as they are, with the
// box and centre of mass described as preprocessForMnist describes its result (box = the ink's
// bounding box in the field). Preprocessing a test digit again would change what the network
// reads. nullopt when the field holds no ink.
std::optional<MnistInput> describeMnistField(const InkImage& field, const MnistPreprocessOptions& options = {});

}  // namespace nnlab
