// neuron_edit_panel.h — Inspect's "Change a neuron" panel: silence one of the first layer's
// neurons (a convnet's: filters), scale or negate its incoming weights, paint on its weight image;
// reset; save the changed network as a model file.
//
// The changes themselves are core's (core/inspect/neuron_edit.h); the panel holds them for the
// trained network it was given and, after each change, hands the view an edited copy
// (networkEdited). What the change does — the test accuracy, the confusion matrix, the FGSM
// panel's answer — the view works out and shows, the accuracy in this panel (showAccuracy).
#pragma once

#include "core/inspect/neuron_edit.h"

#include <QGroupBox>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

class BackgroundJobs;
class QCheckBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class WeightPainter;

class NeuronEditPanel : public QGroupBox {
    Q_OBJECT

public:
    // Changes reach the view at most this often (a slider dragged, a stroke painted); the last
    // one always does.
    static constexpr int applyIntervalMs = 40;
    // One dab of the brush moves a weight by this fraction of the neuron's largest trained |w_jk|.
    static constexpr float paintStep = 0.25f;

    explicit NeuronEditPanel(QWidget* parent = nullptr);

    // The trained network whose first layer is changed (null: none). Every change is dropped, and
    // the first neuron is chosen.
    void setNetwork(std::shared_ptr<const nnlab::Network> trained);
    // The changes, or null when there is no network or its first layer has no weights.
    const nnlab::NeuronEdits* edits() const { return m_edits ? &*m_edits : nullptr; }
    bool isEdited() const { return m_edits && m_edits->isEdited(); }
    // The trained network with every change made now (the trained one itself when none).
    std::shared_ptr<const nnlab::Network> editedNetwork();

    void selectNeuron(int j);
    int neuron() const { return m_neuron; }

    // "neuron 12 silenced; neuron 40 weights ×1.5" — what is changed, for people.
    QString changesText() const;
    // The test accuracy before and after, as the view has it (rich text).
    void showAccuracy(const QString& text);
    QString accuracyText() const;

    // Writes the edited network to `path` off the GUI thread, atomically, through core's model
    // writer (network2.py's JSON for a fully connected net, the layer stack for a convnet); then
    // `saved`.
    void saveTo(const QString& path);

    QCheckBox* silenceBox() const { return m_silence; }
    QCheckBox* negateBox() const { return m_negate; }
    QSlider* scaleSlider() const { return m_scale; }
    QSpinBox* brushRadius() const { return m_brush; }
    QPushButton* resetNeuronButton() const { return m_resetNeuron; }
    QPushButton* resetAllButton() const { return m_resetAll; }
    QPushButton* saveButton() const { return m_save; }
    WeightPainter* painter() const { return m_painter; }

signals:
    // The network with every change made (the trained one after a reset).
    void networkEdited(std::shared_ptr<const nnlab::Network> edited);
    void neuronChosen(int j);
    // After saveTo(): `error` empty when the file was written.
    void saved(const QString& path, const QString& error);

private:
    void changed();             // after any change: redraw, list it, apply soon
    void apply();               // the edited copy, to the view
    void showNeuron();          // the chosen neuron's controls and image
    void paintAt(int row, int col, int direction);
    void askSaveFile();

    BackgroundJobs* m_jobs;
    std::optional<nnlab::NeuronEdits> m_edits;
    std::shared_ptr<const nnlab::Network> m_edited;   // of the last apply()
    bool m_applied = true;                             // m_edited has every change
    QTimer m_applyTimer;
    int m_neuron = 0;

    QLabel* m_title;
    WeightPainter* m_painter;
    QCheckBox* m_silence;
    QCheckBox* m_negate;
    QSlider* m_scale;
    QLabel* m_scaleLabel;
    QSpinBox* m_brush;
    QPushButton* m_resetNeuron;
    QPushButton* m_resetAll;
    QPushButton* m_save;
    QLabel* m_changes;
    QLabel* m_accuracy;
    QLabel* m_saveStatus;
};
