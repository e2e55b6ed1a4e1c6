#include "ui/data/digit_zoom_widget.h"

#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>

// Paints the image with nearest-neighbour scaling at a whole number of screen pixels per image
// pixel, 10 where there is room (280×280) and down to 6 on a small screen, so each of the 784
// pixels stays a visible square: the network sees exactly these numbers.
class DigitZoomWidget::Canvas : public QWidget {
public:
    static constexpr int side = 28, largest = 10, smallest = 6;

    explicit Canvas(QWidget* parent) : QWidget(parent)
    {
        setMinimumSize(side * smallest, side * smallest);
        setMaximumSize(side * largest, side * largest);
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    }
    QSize sizeHint() const override { return {side * largest, side * largest}; }

    QImage image;

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        const int scale = std::clamp(std::min(width(), height()) / side, 1, largest);
        QRect square(0, 0, side * scale, side * scale);
        square.moveCenter(rect().center());
        if (image.isNull()) {
            painter.fillRect(square, palette().window());
            painter.setPen(palette().placeholderText().color());
            painter.drawText(square, Qt::AlignCenter | Qt::TextWordWrap, tr("Click a digit to see it large"));
        } else {
            painter.drawImage(square, image);
        }
        painter.setPen(palette().mid().color());
        painter.drawRect(square.adjusted(0, 0, -1, -1));
    }
};

DigitZoomWidget::DigitZoomWidget(QWidget* parent)
    : QWidget(parent), m_canvas(new Canvas(this)), m_label(new QLabel(this)),
      m_detail(new QLabel(this))
{
    m_canvas->setObjectName("zoomCanvas");

    QFont big = m_label->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_label->setFont(big);
    m_label->setObjectName("zoomLabel");
    m_label->setAlignment(Qt::AlignHCenter);
    m_detail->setObjectName("zoomDetail");
    m_detail->setAlignment(Qt::AlignHCenter);
    m_detail->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_canvas, 0, Qt::AlignHCenter);
    layout->addWidget(m_label);
    layout->addWidget(m_detail);
    setToolTip(tr("The selected image, up to 10 screen pixels per image pixel"));
}

void DigitZoomWidget::setDigit(const QImage& image, const QString& label, const QString& detail)
{
    m_canvas->image = image;
    m_canvas->update();
    m_label->setText(label);
    m_detail->setText(detail);
}

void DigitZoomWidget::clear()
{
    setDigit({}, {}, {});
}

QString DigitZoomWidget::labelText() const
{
    return m_label->text();
}

QString DigitZoomWidget::detailText() const
{
    return m_detail->text();
}
