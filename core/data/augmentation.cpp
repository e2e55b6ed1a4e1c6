#include "core/data/augmentation.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace nnlab {

void shiftImage(const float* in, int rows, int cols, int dy, int dx, float* out)
{
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x) {
            const int sy = y - dy, sx = x - dx;
            out[y * cols + x] = (sy >= 0 && sy < rows && sx >= 0 && sx < cols) ? in[sy * cols + sx] : 0.0f;
        }
}

void rotateImage(const float* in, int rows, int cols, float degrees, float* out)
{
    // Each output pixel looks up where it came from: rotate its position back by −θ.
    const double t = degrees * std::numbers::pi / 180.0, c = std::cos(t), s = std::sin(t);
    const double cy = (rows - 1) / 2.0, cx = (cols - 1) / 2.0;
    auto at = [&](int y, int x) { return (y >= 0 && y < rows && x >= 0 && x < cols) ? in[y * cols + x] : 0.0f; };
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x) {
            const double sy = cy + (y - cy) * c - (x - cx) * s;
            const double sx = cx + (y - cy) * s + (x - cx) * c;
            const int y0 = int(std::floor(sy)), x0 = int(std::floor(sx));
            const float fy = float(sy - y0), fx = float(sx - x0);
            out[y * cols + x] = (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) +
                                fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
        }
}

void expandedImage(const Dataset& data, int index, int variant, const Expansion& expansion, float* out)
{
    const float* image = data.images.col(index).data();
    const int rows = data.imageRows, cols = data.imageCols;
    if (variant == 0) {
        std::copy(image, image + rows * cols, out);
        return;
    }
    if (expansion.shifts) {
        // Down, up, right, left: expand_mnist.py's four displacements.
        static constexpr int dy[4] = {1, -1, 0, 0}, dx[4] = {0, 0, 1, -1};
        if (variant <= 4) {
            shiftImage(image, rows, cols, dy[variant - 1], dx[variant - 1], out);
            return;
        }
        variant -= 4;
    }
    rotateImage(image, rows, cols, variant == 1 ? expansion.rotationDegrees : -expansion.rotationDegrees, out);
}

}  // namespace nnlab
