#include "ui/common/data_error_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

DataErrorPanel::DataErrorPanel(QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_message(new QLabel(this)),
      m_retry(new QPushButton(tr("&Retry"), this))
{
    setObjectName("errorPanel");
    auto* icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(48, 48));
    icon->setAlignment(Qt::AlignTop);

    QFont bold = m_title->font();
    bold.setPointSizeF(bold.pointSizeF() * 1.3);
    bold.setBold(true);
    m_title->setFont(bold);

    m_message->setObjectName("errorText");
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    // The message carries the fetch command: let people select and copy it.
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_message->setMinimumWidth(480);
    m_message->setMaximumWidth(640);

    m_retry->setObjectName("retryButton");
    m_retry->setToolTip(tr("Look for the data files again, e.g. after fetching them"));
    connect(m_retry, &QPushButton::clicked, this, &DataErrorPanel::retryClicked);

    auto* text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_message);
    text->addSpacing(8);
    text->addWidget(m_retry, 0, Qt::AlignLeft);

    auto* row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(icon);
    row->addSpacing(12);
    row->addLayout(text);
    row->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addLayout(row);
    layout->addStretch(2);
}

void DataErrorPanel::setError(const QString& title, const QString& message)
{
    m_title->setText(title);
    m_message->setText(message);
}

QString DataErrorPanel::message() const
{
    return m_message->text();
}
