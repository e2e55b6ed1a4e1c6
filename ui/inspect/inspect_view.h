// inspect_view.h — "Inside a trained network" (chapters 1 and 6): what the first hidden layer's
// neurons look for (their weights as images), which digits the network confuses (the confusion
// matrix, cell by cell), how a tiny change fools it (the fast gradient sign method), and what
// its accuracy is worth against chapter 1's baselines. Its neurons can be changed by hand
// (neuron_edit_panel.h): the accuracy, the confusion matrix and the FGSM panel then show the
// changed network, and the Draw view can follow it (ui/bridge/edited_network.h).
#pragma once

#include "core/inspect/confusion.h"
#include "core/nn/network.h"

#include <Eigen/Core>

#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

class BackgroundJobs;
class DatasetLoader;
class EditedNetwork;
class LiveNetwork;
class MapGridWidget;
class MisclassifiedGallery;
class ModelSourceSelector;
class NeuronEditPanel;
class QLabel;
class QSlider;
class QSpinBox;
class QTableWidget;

class InspectView : public QWidget {
    Q_OBJECT

public:
    // `live` (may be null): the Train view's network, followed epoch by epoch and at the end.
    // `edited` (may be null): where the network shown, with its hand-made changes, is published.
    explicit InspectView(DatasetLoader* loader, LiveNetwork* live = nullptr, EditedNetwork* edited = nullptr,
                         QWidget* parent = nullptr);

    ModelSourceSelector* modelSelector() const { return m_selector; }
    // A trained network to look at: every hand-made change is dropped.
    void setNetwork(std::shared_ptr<const nnlab::Network> net, const QString& description);
    // The network shown: the trained one with the changes made in the neuron editor.
    const nnlab::Network* network() const { return m_net.get(); }
    std::shared_ptr<const nnlab::Network> trainedNetwork() const { return m_trained; }
    NeuronEditPanel* neuronEditor() const { return m_editor; }
    // The trained network's test accuracy, once classified.
    std::optional<double> trainedAccuracy() const { return m_trainedAccuracy; }

    // The test set's confusion matrix for the network shown (computed off the GUI thread).
    const std::optional<nnlab::ConfusionMatrix>& confusion() const { return m_confusion; }
    QTableWidget* confusionTable() const { return m_table; }
    // The examples of the cell shown below the table, and the tiles drawn of them (at most kMaxCellDigits).
    const std::vector<int>& cellExamples() const { return m_cellExamples; }
    MapGridWidget* cellGrid() const { return m_cellGrid; }
    MapGridWidget* receptiveFields() const { return m_fields; }
    MisclassifiedGallery* mistakes() const { return m_mistakes; }
    static constexpr int kMaxCellDigits = 120;

    // FGSM panel: the test digit and ε (0..0.3), and what the network says before and after.
    void setAdversarial(int testIndex, double epsilon);
    int originalPrediction() const { return m_originalPrediction; }
    int perturbedPrediction() const { return m_perturbedPrediction; }
    double originalTrueProbability() const { return m_originalTrueProbability; }
    double perturbedTrueProbability() const { return m_perturbedTrueProbability; }
    QString baselinesText() const;

public slots:
    void showCell(int label, int prediction);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void datasetReady();
    void showNetwork(std::shared_ptr<const nnlab::Network> net, bool edited);
    // Classifies the test set with the network shown, off the GUI thread; a newer call cancels
    // the older one. `edited`: after a hand-made change, the table stays (greyed) until then.
    void recompute(bool edited = false);
    void classified(std::vector<int> predicted, bool edited);
    void showAccuracy();
    void showFields();
    void fillTable(bool keepCell = false);
    void updateAdversarial();
    void computeBaselines();

    DatasetLoader* m_loader;
    BackgroundJobs* m_jobs;
    EditedNetwork* m_editedNetwork;
    std::shared_ptr<const nnlab::Network> m_trained;   // as the source gave it
    std::shared_ptr<const nnlab::Network> m_net;       // with the editor's changes
    std::shared_ptr<const nnlab::Network> m_galleryNet;  // the mistakes gallery's
    std::vector<int> m_trainedPredicted;               // the trained network's classes, kept for Reset
    std::optional<double> m_trainedAccuracy;
    std::shared_ptr<std::atomic<bool>> m_cancel;       // of the classification running
    QString m_description;
    std::vector<int> m_predicted;
    std::optional<nnlab::ConfusionMatrix> m_confusion;
    std::vector<int> m_cellExamples;
    int m_shownLabel = -1, m_shownPrediction = -1;   // the cell shown below the table
    int m_generation = 0;
    bool m_baselinesStarted = false;
    int m_originalPrediction = -1;
    int m_perturbedPrediction = -1;
    double m_originalTrueProbability = 0.0;
    double m_perturbedTrueProbability = 0.0;

    ModelSourceSelector* m_selector;
    QLabel* m_status;
    QLabel* m_baselines;
    MapGridWidget* m_fields;
    QLabel* m_fieldsNote;
    NeuronEditPanel* m_editor;
    QTableWidget* m_table;
    QLabel* m_cellLabel;
    MapGridWidget* m_cellGrid;
    QSpinBox* m_index;
    QSlider* m_epsilon;
    QLabel* m_epsilonLabel;
    MapGridWidget* m_originalImage;
    MapGridWidget* m_perturbedImage;
    QLabel* m_originalText;
    QLabel* m_perturbedText;
    MisclassifiedGallery* m_mistakes;
};
