// mnist_input_preview.h — the 28×28 input the network reads, drawn large with crisp pixels.
//
// A dotted frame marks where the scaled ink lies (it fits 20×20) and a small cross its centre
// of mass, which the preprocessing put at the middle of the field.
#pragma once

#include "core/draw/mnist_preprocess.h"

#include <QImage>
#include <QWidget>

#include <optional>

class MnistInputPreview : public QWidget {
    Q_OBJECT

public:
    static constexpr int field = 28;
    static constexpr int zoom = 6;   // screen pixels per input pixel

    explicit MnistInputPreview(QWidget* parent = nullptr);

    void setInput(const nnlab::MnistInput& input);
    void clear();
    bool hasInput() const { return m_input.has_value(); }
    const QImage& image() const { return m_image; }   // the 28×28 picture shown

    QSize sizeHint() const override { return {field * zoom + 2, field * zoom + 2}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::optional<nnlab::MnistInput> m_input;
    QImage m_image;
};
