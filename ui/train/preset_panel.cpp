#include "ui/train/preset_panel.h"

#include "ui/plotting/palette.h"

#include <QComboBox>
#include <QLabel>
#include <QVBoxLayout>

PresetPanel::PresetPanel(QWidget* parent)
    : QWidget(parent), m_combo(new QComboBox(this)), m_note(new QLabel(this))
{
    m_combo->setObjectName("presetCombo");
    m_combo->addItem(tr("Custom"), QString());
    for (const nnlab::Preset& p : nnlab::presets()) {
        const QString name = QString::fromStdString(p.name);
        m_combo->addItem(tr("ch. %1 · %2").arg(p.chapter).arg(name), name);
    }
    m_combo->setToolTip(tr("<p>The book's experiments, with its hyperparameters. Choosing one fills "
                           "the controls; the accuracy the book reports is drawn as a dashed line "
                           "in the accuracy plot.</p>"));
    m_note->setObjectName("presetNote");
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::RichText);
    m_note->setOpenExternalLinks(true);   // the preset's section of the book, in the browser

    auto* label = new QLabel(tr("&Preset:"), this);
    label->setBuddy(m_combo);
    auto* row = new QHBoxLayout;
    row->addWidget(label);
    row->addWidget(m_combo, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_note);

    connect(m_combo, &QComboBox::currentIndexChanged, this, &PresetPanel::choose);
    showNote();
}

const nnlab::Preset* PresetPanel::currentPreset() const
{
    return nnlab::findPreset(m_combo->currentData().toString().toStdString());
}

bool PresetPanel::selectPreset(const QString& name)
{
    const int index = std::max(0, m_combo->findData(name));
    if (index == m_combo->currentIndex())
        choose();   // chosen again: fill the controls again
    else
        m_combo->setCurrentIndex(index);
    return index > 0 || name.isEmpty();
}

void PresetPanel::choose()
{
    m_modified = false;
    showNote();
    emit presetChosen(currentPreset());
}

void PresetPanel::setModified(bool modified)
{
    if (modified == m_modified)
        return;
    m_modified = modified;
    showNote();
}

void PresetPanel::showNote()
{
    const nnlab::Preset* p = currentPreset();
    if (!p) {
        m_note->setText(palette::coloured(tr("Your own configuration."), palette::hintText));
        return;
    }
    QString text = QString::fromStdString(p->title).toHtmlEscaped();
    text += tr("<br><b>The book: %1</b>").arg(QString::fromStdString(p->bookNote).toHtmlEscaped());
    text += tr(" · <a href=\"%1\">Read this in the book ↗</a>")
                .arg(QString::fromStdString(nnlab::bookUrl(*p)).toHtmlEscaped());
    if (m_modified)
        text += " " + palette::coloured(tr("(settings changed since)"), palette::changedText);
    if (p->ensembleSize > 1)
        text += "<br>" + palette::coloured(tr("Here: one network of the %1; <tt>nnlab-cli train --preset "
                                              "%2</tt> trains the whole ensemble.")
                                               .arg(p->ensembleSize)
                                               .arg(QString::fromStdString(p->name)),
                                           palette::hintText);
    m_note->setText(text);
}
