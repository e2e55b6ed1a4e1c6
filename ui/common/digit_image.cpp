#include "ui/common/digit_image.h"

#include "core/data/dataset.h"

#include <algorithm>
#include <cmath>

QImage digitImage(const nnlab::Dataset& set, int index)
{
    QImage image(set.imageCols, set.imageRows, QImage::Format_Grayscale8);
    const auto column = set.images.col(index);
    // A column holds the IDX bytes in file order: row after row.
    for (int row = 0; row < set.imageRows; ++row) {
        uchar* line = image.scanLine(row);
        for (int col = 0; col < set.imageCols; ++col) {
            const float ink = std::clamp(column(row * set.imageCols + col), 0.0f, 1.0f);
            line[col] = static_cast<uchar>(std::lround(255.0f * (1.0f - ink)));
        }
    }
    return image;
}
