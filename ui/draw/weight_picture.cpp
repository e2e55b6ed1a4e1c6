#include "ui/draw/weight_picture.h"

#include "ui/plotting/palette.h"

#include <algorithm>
#include <cmath>

float weightPictureScale(const Eigen::MatrixXf& weights)
{
    float scale = 0.0f;
    for (Eigen::Index i = 0; i < weights.size(); ++i)
        if (const float w = weights.data()[i]; std::isfinite(w))
            scale = std::max(scale, std::abs(w));
    return scale;
}

QImage weightPicture(const Eigen::MatrixXf& weights)
{
    QImage image(int(weights.cols()), int(weights.rows()), QImage::Format_RGB32);
    const float scale = std::max(weightPictureScale(weights), 1e-12f);
    for (int y = 0; y < weights.rows(); ++y)
        for (int x = 0; x < weights.cols(); ++x) {
            const float w = weights(y, x);
            image.setPixel(x, y, std::isfinite(w) ? palette::signedMapPixel(std::clamp(w / scale, -1.0f, 1.0f))
                                                  : palette::separator.rgb());
        }
    return image;
}
