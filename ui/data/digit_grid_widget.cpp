#include "ui/data/digit_grid_widget.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace {
constexpr int cellPadding = 3;
constexpr int pixelsPerSide = 28;
}  // namespace

DigitGridWidget::DigitGridWidget(QWidget* parent) : QWidget(parent)
{
    setCursor(Qt::PointingHandCursor);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void DigitGridWidget::setDigits(const QVector<Digit>& digits)
{
    m_digits = digits;
    m_selected = -1;
    update();
}

void DigitGridWidget::setSelectedCell(int cell)
{
    m_selected = (cell >= 0 && cell < m_digits.size()) ? cell : -1;
    update();
}

QSize DigitGridWidget::sizeHint() const
{
    // Two screen pixels per image pixel reads well and keeps a 10×10 page on a laptop screen.
    const int labelHeight = fontMetrics().height();
    return {columns * (2 * pixelsPerSide + 2 * cellPadding),
            rows * (2 * pixelsPerSide + labelHeight + 2 * cellPadding)};
}

QSize DigitGridWidget::minimumSizeHint() const
{
    // Down to 24 screen pixels a digit (smoothly scaled): a page still fits a 1024×640 window
    // beside the view's header and controls.
    constexpr int smallestSide = 24;
    const int labelHeight = fontMetrics().height();
    return {columns * (smallestSide + 2 * cellPadding), rows * (smallestSide + labelHeight + 2 * cellPadding)};
}

QRect DigitGridWidget::cellRect(int cell) const
{
    const int cellWidth = width() / columns;
    const int cellHeight = height() / rows;
    // Centre the grid when the widget is not a whole number of cells.
    const int left = (width() - columns * cellWidth) / 2;
    const int top = (height() - rows * cellHeight) / 2;
    return {left + (cell % columns) * cellWidth, top + (cell / columns) * cellHeight, cellWidth,
            cellHeight};
}

int DigitGridWidget::cellAt(const QPoint& pos) const
{
    for (int cell = 0; cell < m_digits.size(); ++cell) {
        if (cellRect(cell).contains(pos))
            return cell;
    }
    return -1;
}

void DigitGridWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());

    QFont captionFont = font();
    captionFont.setPointSizeF(font().pointSizeF() * 0.9);
    painter.setFont(captionFont);
    const int labelHeight = QFontMetrics(captionFont).height();

    for (int cell = 0; cell < m_digits.size(); ++cell) {
        const Digit& d = m_digits[cell];
        const QRect box = cellRect(cell).adjusted(cellPadding, cellPadding, -cellPadding, -cellPadding);
        int side = qMin(box.width(), box.height() - labelHeight);
        // Whole multiples of 28 keep every image pixel the same size: crisp, like the book.
        const bool crisp = side >= 2 * pixelsPerSide;
        if (crisp)
            side = side / pixelsPerSide * pixelsPerSide;
        const int top = box.top() + (box.height() - side - labelHeight) / 2;
        const QRect imageRect(box.left() + (box.width() - side) / 2, top, side, side);

        if (cell == m_selected) {
            QColor highlight = palette().highlight().color();
            painter.setPen(QPen(highlight, 2));
            highlight.setAlpha(40);
            painter.setBrush(highlight);
            painter.drawRoundedRect(box.adjusted(-1, -1, 1, 1), 4, 4);
        }
        painter.setRenderHint(QPainter::SmoothPixmapTransform, !crisp);
        painter.drawImage(imageRect, d.image);
        painter.setPen(QPen(palette().mid().color(), 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(imageRect.adjusted(0, 0, -1, -1));

        painter.setPen(palette().text().color());
        const QRect labelRect(box.left(), imageRect.bottom() + 1, box.width(), labelHeight);
        const QString caption =
            QFontMetrics(captionFont).elidedText(d.caption, Qt::ElideRight, box.width());
        painter.drawText(labelRect, Qt::AlignHCenter | Qt::AlignVCenter, caption);
    }
}

void DigitGridWidget::mousePressEvent(QMouseEvent* event)
{
    const int cell = cellAt(event->position().toPoint());
    if (event->button() != Qt::LeftButton || cell < 0) {
        QWidget::mousePressEvent(event);
        return;
    }
    setSelectedCell(cell);
    emit digitClicked(cell);
}

bool DigitGridWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const int cell = cellAt(help->pos());
        if (cell >= 0)
            QToolTip::showText(help->globalPos(), m_digits[cell].toolTip, this, cellRect(cell));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}
