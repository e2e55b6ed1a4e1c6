// edited_network.h — the network as changed by hand in the Inspect view (silenced, scaled,
// negated or painted neurons), for the views that follow it: the Draw view's "Edited in Inspect"
// source.
//
// One object, owned by the main window like LiveNetwork; Inspect publishes, followers subscribe.
// While a slider is dragged or a stroke painted, Inspect publishes every few tens of milliseconds;
// followers hear at most one network per followIntervalMs (the last one always arrives), since the
// Draw view reclassifies its gallery of test digits with each.
#pragma once

#include "core/nn/network.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

class EditedNetwork : public QObject {
    Q_OBJECT

public:
    static constexpr int followIntervalMs = 300;

    explicit EditedNetwork(QObject* parent = nullptr);

    // The network Inspect shows now (the trained one when nothing is changed) and what it is.
    void publish(std::shared_ptr<const nnlab::Network> network, const QString& description);
    std::shared_ptr<const nnlab::Network> latest() const { return m_latest; }
    QString description() const { return m_description; }

signals:
    void changed(std::shared_ptr<const nnlab::Network> network, const QString& description);

private:
    std::shared_ptr<const nnlab::Network> m_latest;
    QString m_description;
    QTimer m_throttle;
    bool m_pending = false;
};
