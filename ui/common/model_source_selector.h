// model_source_selector.h — which network the Draw view asks: the built-in one, the network
// trained in the Train view, or a model file.
//
// Model files are parsed off the GUI thread (a convnet's file is megabytes of JSON). A problem is
// one line under the selector; the previous network stays in use.
#pragma once

#include "core/nn/network.h"

#include <QString>
#include <QWidget>

#include <memory>

class BackgroundJobs;
class QComboBox;
class QLabel;
class QPushButton;

class ModelSourceSelector : public QWidget {
    Q_OBJECT

public:
    // EditedInInspect is offered only once setEditedNetwork() has been called (the Draw view's
    // selector; Inspect's own would follow itself).
    enum Source { BuiltIn = 0, BuiltInConvnet = 1, TrainView = 2, File = 3, EditedInInspect = 4, SourceCount = 5 };

    // The nets shipped in resources/models (see its README): fully connected, and chapter 6's convnet.
    static QString builtInModelPath() { return QStringLiteral(":/models/fc-784-100-10.json"); }
    static QString builtInConvnetPath() { return QStringLiteral(":/models/convnet-relu.json"); }

    explicit ModelSourceSelector(QWidget* parent = nullptr);

    // Where the built-in model is read from (tests read the source tree's copy); loads it.
    void setBuiltInModelPath(const QString& path);
    // Loads a model file (network2.py JSON or nnlab's layer stack) and selects it when it loads;
    // emits failed() with the reason otherwise.
    void loadFile(const QString& path);
    // The Train view's network; selects it when `select` (or when it is the chosen source).
    void setLiveNetwork(std::shared_ptr<const nnlab::Network> network, bool select = false);
    // The Inspect view's network with its hand-made changes (ui/bridge/edited_network.h).
    void setEditedNetwork(std::shared_ptr<const nnlab::Network> network, const QString& description);
    void setSource(Source source);

    Source source() const;
    std::shared_ptr<const nnlab::Network> network() const;   // of the chosen source; may be null
    QString description() const;                             // what network() is, for people
    QString errorText() const;
    bool isLoading() const;

    // "784-100-10 sigmoid/softmax" and the like.
    static QString describe(const nnlab::Network& network);

signals:
    // The chosen source's network changed (null: the source has none yet).
    void networkChanged(std::shared_ptr<const nnlab::Network> network, const QString& description);
    void failed(const QString& message);

private:
    struct Loaded;
    void load(const QString& path, Source into);
    void openDialog();
    void emitCurrent();
    void showSource();   // the chosen source: load it if it is the convnet not read yet, then emit
    void showError(const QString& message);

    QComboBox* m_combo;
    QPushButton* m_open;
    QLabel* m_error;
    BackgroundJobs* m_jobs;
    QString m_builtInPath;
    QString m_fileName;
    QString m_editedDescription;
    std::shared_ptr<const nnlab::Network> m_networks[SourceCount];
    int m_generations[SourceCount] = {};   // a load finishing after a newer one started is ignored
    bool m_loading[SourceCount] = {};   // a load of that source's latest file is running
};
