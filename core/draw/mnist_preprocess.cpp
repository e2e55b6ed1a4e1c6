#include "core/draw/mnist_preprocess.h"

#include <algorithm>
#include <cmath>

namespace nnlab {

namespace {

// One output pixel of a 1-D resampling: the source pixels it reads, with their weights.
struct Tap {
    int source;
    float weight;
};
using Taps = std::vector<std::vector<Tap>>;   // one list per output pixel

// Area averaging when shrinking, linear interpolation when enlarging (see resample()).
Taps resamplingTaps(int sourceSize, int targetSize)
{
    Taps taps(targetSize);
    const double scale = double(sourceSize) / targetSize;   // source pixels per target pixel
    for (int i = 0; i < targetSize; ++i) {
        if (scale >= 1.0) {
            // Target pixel i covers the source interval [i·scale, (i+1)·scale).
            const double from = i * scale;
            const double to = (i + 1) * scale;
            for (int s = int(std::floor(from)); s < std::min<double>(sourceSize, std::ceil(to)); ++s) {
                const double overlap = std::min<double>(to, s + 1) - std::max<double>(from, s);
                if (overlap > 1e-9)
                    taps[i].push_back({s, float(overlap / scale)});
            }
        } else {
            // Pixel centres: target i sits at source coordinate (i + ½)·scale − ½.
            const double centre = std::clamp((i + 0.5) * scale - 0.5, 0.0, sourceSize - 1.0);
            const int left = int(std::floor(centre));
            const float fraction = float(centre - left);
            const int right = std::min(left + 1, sourceSize - 1);
            taps[i].push_back({left, 1.0f - fraction});
            if (right != left && fraction > 0.0f)
                taps[i].push_back({right, fraction});
        }
    }
    return taps;
}

float median(std::vector<float> values)
{
    const auto middle = values.begin() + values.size() / 2;
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

}  // namespace

std::optional<InkBox> inkBoundingBox(const InkImage& ink, float threshold)
{
    InkBox box{ink.width, ink.height, 0, 0};
    for (int y = 0; y < ink.height; ++y)
        for (int x = 0; x < ink.width; ++x)
            if (ink.at(x, y) > threshold) {
                box.left = std::min(box.left, x);
                box.top = std::min(box.top, y);
                box.right = std::max(box.right, x + 1);
                box.bottom = std::max(box.bottom, y + 1);
            }
    if (box.right <= box.left)
        return std::nullopt;
    return box;
}

std::optional<Point2> centreOfMass(const InkImage& ink)
{
    double mass = 0.0, sumX = 0.0, sumY = 0.0;
    for (int y = 0; y < ink.height; ++y)
        for (int x = 0; x < ink.width; ++x) {
            const double v = ink.at(x, y);
            mass += v;
            sumX += v * x;
            sumY += v * y;
        }
    if (mass <= 0.0)
        return std::nullopt;
    return Point2{sumX / mass, sumY / mass};
}

InkImage crop(const InkImage& ink, const InkBox& box)
{
    InkImage out(box.width(), box.height());
    for (int y = 0; y < out.height; ++y)
        std::copy_n(&ink.pixels[size_t(box.top + y) * ink.width + box.left], out.width,
                    &out.pixels[size_t(y) * out.width]);
    return out;
}

InkImage resample(const InkImage& ink, int width, int height)
{
    if (ink.isEmpty() || width <= 0 || height <= 0)
        return InkImage(std::max(width, 0), std::max(height, 0));
    // Rows first (width changes), then columns (height changes).
    const Taps across = resamplingTaps(ink.width, width);
    InkImage rows(width, ink.height);
    for (int y = 0; y < ink.height; ++y)
        for (int x = 0; x < width; ++x) {
            float v = 0.0f;
            for (const Tap& t : across[x])
                v += t.weight * ink.at(t.source, y);
            rows.at(x, y) = v;
        }
    const Taps down = resamplingTaps(ink.height, height);
    InkImage out(width, height);
    for (int y = 0; y < height; ++y)
        for (const Tap& t : down[y])
            for (int x = 0; x < width; ++x)
                out.at(x, y) += t.weight * rows.at(x, t.source);
    for (float& v : out.pixels)
        v = std::clamp(v, 0.0f, 1.0f);
    return out;
}

InkImage inkFromLightness(int width, int height, const std::vector<float>& lightness)
{
    InkImage ink(width, height);
    if (ink.isEmpty() || lightness.size() != ink.pixels.size())
        return ink;
    std::vector<float> border;
    for (int x = 0; x < width; ++x) {
        border.push_back(lightness[x]);
        border.push_back(lightness[size_t(height - 1) * width + x]);
    }
    for (int y = 0; y < height; ++y) {
        border.push_back(lightness[size_t(y) * width]);
        border.push_back(lightness[size_t(y) * width + width - 1]);
    }
    const float background = median(std::move(border));
    const auto [darkest, lightest] = std::minmax_element(lightness.begin(), lightness.end());
    const bool lightBackground = background > 0.5f;
    // The strongest ink is the extreme on the other side of the background.
    const float range = lightBackground ? background - *darkest : *lightest - background;
    if (range < 1e-3f)
        return ink;
    for (size_t i = 0; i < lightness.size(); ++i) {
        const float v = lightBackground ? background - lightness[i] : lightness[i] - background;
        ink.pixels[i] = std::clamp(v / range, 0.0f, 1.0f);
    }
    return ink;
}

std::optional<MnistInput> preprocessForMnist(const InkImage& ink, const MnistPreprocessOptions& options)
{
    const std::optional<InkBox> box = inkBoundingBox(ink, options.inkThreshold);
    if (!box)
        return std::nullopt;

    // Fit the 20×20 box: the longer side becomes boxSize, the other keeps the aspect ratio.
    const double scale = double(options.boxSize) / std::max(box->width(), box->height());
    const int w = std::clamp(int(std::lround(box->width() * scale)), 1, options.boxSize);
    const int h = std::clamp(int(std::lround(box->height() * scale)), 1, options.boxSize);
    const InkImage scaled = resample(crop(ink, *box), w, h);
    const std::optional<Point2> com = centreOfMass(scaled);
    if (!com)
        return std::nullopt;

    // Shift so the centre of mass lands on (14, 14), rounded to whole pixels as MNIST did; the
    // shift is limited so that the scaled ink stays inside the field.
    const double centre = options.fieldSize / 2.0;
    const int left = std::clamp(int(std::lround(centre - com->x)), 0, options.fieldSize - w);
    const int top = std::clamp(int(std::lround(centre - com->y)), 0, options.fieldSize - h);

    MnistInput input;
    input.pixels.assign(size_t(options.fieldSize) * options.fieldSize, 0.0f);
    for (int y = 0; y < h; ++y)
        std::copy_n(&scaled.pixels[size_t(y) * w], w,
                    &input.pixels[size_t(top + y) * options.fieldSize + left]);
    input.box = *box;
    input.left = left;
    input.top = top;
    input.scaledWidth = w;
    input.scaledHeight = h;
    input.centreOfMass = {left + com->x, top + com->y};
    return input;
}

std::optional<MnistInput> describeMnistField(const InkImage& field, const MnistPreprocessOptions& options)
{
    const std::optional<InkBox> box = inkBoundingBox(field, options.inkThreshold);
    const std::optional<Point2> com = centreOfMass(field);
    if (!box || !com)
        return std::nullopt;
    MnistInput input;
    input.pixels = field.pixels;
    input.box = *box;
    input.left = box->left;
    input.top = box->top;
    input.scaledWidth = box->width();
    input.scaledHeight = box->height();
    input.centreOfMass = *com;
    return input;
}

}  // namespace nnlab
