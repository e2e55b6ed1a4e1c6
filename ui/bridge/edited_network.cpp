#include "ui/bridge/edited_network.h"

EditedNetwork::EditedNetwork(QObject* parent) : QObject(parent)
{
    m_throttle.setSingleShot(true);
    m_throttle.setInterval(followIntervalMs);
    connect(&m_throttle, &QTimer::timeout, this, [this] {
        if (!m_pending)
            return;
        m_pending = false;
        m_throttle.start();   // the next one waits at least this long
        emit changed(m_latest, m_description);
    });
}

void EditedNetwork::publish(std::shared_ptr<const nnlab::Network> network, const QString& description)
{
    m_latest = std::move(network);
    m_description = description;
    if (m_throttle.isActive()) {
        m_pending = true;   // sent when the interval is over: the latest one wins
        return;
    }
    m_throttle.start();
    emit changed(m_latest, m_description);
}
