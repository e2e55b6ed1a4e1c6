// neuron_detail_panel.h — the Draw view's close look at one hidden neuron: its incoming weights
// as a large picture, its z = w·a + b and a = σ(z) for the digit on the canvas, its bias, and its
// strongest weights into the next layer ("→ 7: +2.31" into the outputs).
#pragma once

#include "core/draw/hidden_activity.h"

#include <QWidget>

#include <optional>

class QLabel;

class NeuronDetailPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr int picturePixels = 84;   // the weight picture's box (28×28 at 3 pixels a weight)

    explicit NeuronDetailPanel(QWidget* parent = nullptr);

    // `layerName` says where the neuron is ("Hidden layer 1"), `nextName` where its
    // connections go ("hidden layer 2"; ignored when they go into the outputs).
    void showNeuron(const nnlab::NeuronFacts& facts, const QImage& weights, const QString& layerName,
                    const QString& nextName);
    void clear();   // no neuron: how to choose one

    const std::optional<nnlab::NeuronFacts>& facts() const { return m_facts; }
    QString titleText() const;
    QString zText() const;
    QString aText() const;
    QString connectionsText() const;   // (with no-break spaces inside each "→ 7: +2.31")
    const QImage& picture() const { return m_picture; }   // as shown, scaled

private:
    std::optional<nnlab::NeuronFacts> m_facts;
    QImage m_picture;
    QLabel* m_image;
    QLabel* m_title;
    QLabel* m_z;
    QLabel* m_a;
    QLabel* m_connections;
};
