#include "ui/plotting/palette.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>

namespace palette {

namespace {

// From white (t = 0) to `end` (t = 1), channel by channel.
QColor fromWhite(const QColor& end, double t)
{
    return QColor::fromRgbF(float(1.0 + t * (end.redF() - 1.0)), float(1.0 + t * (end.greenF() - 1.0)),
                            float(1.0 + t * (end.blueF() - 1.0)));
}

}  // namespace

QColor overlayRun(int runId)
{
    static constexpr QColor colours[] = {tab10[4], tab10[5], tab10[6], tab10[7], tab10[8], tab10[9], tab10[3]};
    return colours[std::abs(runId) % std::size(colours)];
}

QColor hiddenLayer(int l)
{
    static constexpr QColor colours[] = {tab10[0], tab10[1], tab10[2], tab10[3],
                                         tab10[4], tab10[5], tab10[6], tab10[9]};
    return colours[std::abs(l) % std::size(colours)];
}

QColor signedValue(double value, double scale)
{
    const double t = scale > 0.0 ? std::clamp(value / scale, -1.0, 1.0) : 0.0;
    return fromWhite(t >= 0.0 ? QColor(178, 24, 43) : QColor(33, 102, 172), std::abs(t));
}

QColor activation(double a)
{
    return fromWhite(QColor(0, 109, 44), std::isfinite(a) ? std::clamp(a, 0.0, 1.0) : 0.0);
}

QRgb signedMapPixel(float t)
{
    const int fade = int(std::lround(255 * (1.0f - std::abs(t))));
    return t >= 0 ? qRgb(255, fade, fade) : qRgb(fade, fade, 255);
}

QRgb intensityMapPixel(float t)
{
    const int grey = int(std::lround(255 * (1.0f - std::max(t, 0.0f))));
    return qRgb(grey, grey, grey);
}

QColor confusionMistake(int count, int largest)
{
    const int shade = 255 - int(120.0 * count / largest);
    return QColor(255, shade, shade);
}

QString textStyle(const QColor& colour)
{
    return QStringLiteral("color: %1;").arg(colour.name());
}

QString coloured(const QString& html, const QColor& colour)
{
    return QStringLiteral("<span style='color:%1'>%2</span>").arg(colour.name(), html);
}

QString noticeStyle(const Notice& notice, const QString& selector, int padding)
{
    QString rules;
    if (notice.text.isValid())
        rules += QStringLiteral("color: %1; ").arg(notice.text.name());
    rules += QStringLiteral("background: %1; border: 1px solid %2; border-radius: 3px;")
                 .arg(notice.background.name(), notice.border.name());
    if (padding >= 0)
        rules += QStringLiteral(" padding: %1px;").arg(padding);
    return QStringLiteral("%1 { %2 }").arg(selector, rules);
}

}  // namespace palette
