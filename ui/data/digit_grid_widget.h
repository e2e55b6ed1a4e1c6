// digit_grid_widget.h — a page of digits in a grid, each with its label; click one to select it.
#pragma once

#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>

class DigitGridWidget : public QWidget {
    Q_OBJECT

public:
    struct Digit {
        QImage image;     // the 28×28 pixels, see digitImage()
        int index = 0;    // position in its set
        QString caption;  // the label as shown under the digit ("5", "Trouser")
        QString toolTip;
    };

    explicit DigitGridWidget(QWidget* parent = nullptr);

    void setDigits(const QVector<Digit>& digits);
    int digitCount() const { return m_digits.size(); }
    const Digit& digit(int cell) const { return m_digits.at(cell); }

    int selectedCell() const { return m_selected; }
    void setSelectedCell(int cell);  // -1: none

    static constexpr int columns = 10;
    static constexpr int rows = 10;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void digitClicked(int cell);

protected:
    bool event(QEvent* event) override;  // per-digit tool tips
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QRect cellRect(int cell) const;
    int cellAt(const QPoint& pos) const;

    QVector<Digit> m_digits;
    int m_selected = -1;
};
