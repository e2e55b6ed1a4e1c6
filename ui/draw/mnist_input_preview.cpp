#include "ui/draw/mnist_input_preview.h"

#include "ui/draw/draw_images.h"
#include "ui/plotting/palette.h"

#include <QPainter>

MnistInputPreview::MnistInputPreview(QWidget* parent) : QWidget(parent)
{
    setFixedSize(sizeHint());
    setToolTip(tr("What the network sees: your drawing cropped to its ink, scaled to fit 20×20 "
                  "pixels and placed in a 28×28 field with its centre of mass at the middle — "
                  "how the MNIST digits were made. Dotted: the scaled ink; cross: its centre of mass"));
    clear();
}

void MnistInputPreview::setInput(const nnlab::MnistInput& input)
{
    m_input = input;
    m_image = inputImage(input.pixels, field);
    update();
}

void MnistInputPreview::clear()
{
    m_input.reset();
    m_image = inputImage({}, field);
    update();
}

void MnistInputPreview::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect area(1, 1, field * zoom, field * zoom);
    // Nearest-neighbour scaling: every input pixel a crisp square.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(area, m_image);
    painter.setPen(palette::frame);
    painter.drawRect(area.adjusted(-1, -1, 0, 0));
    if (!m_input)
        return;

    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(palette::accent, 1, Qt::DotLine));
    painter.drawRect(QRectF(1 + m_input->left * zoom, 1 + m_input->top * zoom,
                            m_input->scaledWidth * zoom, m_input->scaledHeight * zoom));
    // Pixel (x, y)'s centre is at screen x·zoom + zoom/2: the centre of mass in those terms.
    const QPointF com(1 + (m_input->centreOfMass.x + 0.5) * zoom,
                      1 + (m_input->centreOfMass.y + 0.5) * zoom);
    painter.setPen(QPen(palette::accent, 1.5));
    painter.drawLine(com - QPointF(5, 0), com + QPointF(5, 0));
    painter.drawLine(com - QPointF(0, 5), com + QPointF(0, 5));
}
