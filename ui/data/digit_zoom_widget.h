// digit_zoom_widget.h — one digit drawn large (up to 10 screen pixels per image pixel) with its label.
#pragma once

#include <QImage>
#include <QWidget>

class QLabel;

class DigitZoomWidget : public QWidget {
    Q_OBJECT

public:
    explicit DigitZoomWidget(QWidget* parent = nullptr);

    // `label` is the class as a person reads it; `detail` says which image it is.
    void setDigit(const QImage& image, const QString& label, const QString& detail);
    void clear();

    QString labelText() const;
    QString detailText() const;

private:
    class Canvas;
    Canvas* m_canvas;
    QLabel* m_label;
    QLabel* m_detail;
};
