#include "ui/data/digit_zoom_widget.h"

#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

// Paints the image at a fixed 280×280 with nearest-neighbour scaling, so each of the 784 pixels
// is a visible 10×10 square: the network sees exactly these numbers.
class DigitZoomWidget::Canvas : public QWidget {
public:
    using QWidget::QWidget;
    QImage image;

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        const QRect frame = rect().adjusted(0, 0, -1, -1);
        if (image.isNull()) {
            painter.fillRect(rect(), palette().window());
            painter.setPen(palette().placeholderText().color());
            painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                             tr("Click a digit to see it large"));
        } else {
            painter.drawImage(rect(), image);
        }
        painter.setPen(palette().mid().color());
        painter.drawRect(frame);
    }
};

DigitZoomWidget::DigitZoomWidget(QWidget* parent)
    : QWidget(parent), m_canvas(new Canvas(this)), m_label(new QLabel(this)),
      m_detail(new QLabel(this))
{
    m_canvas->setFixedSize(280, 280);
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
    setToolTip(tr("The selected image, 10 screen pixels per image pixel"));
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
