// preset_panel.h — the book's experiments (the same list as `nnlab-cli presets`): choosing one
// fills the controls, and the figure the book reports for it is shown beside it.
#pragma once

#include "core/train/presets.h"

#include <QWidget>

class QComboBox;
class QLabel;

class PresetPanel : public QWidget {
    Q_OBJECT

public:
    explicit PresetPanel(QWidget* parent = nullptr);

    // The chosen preset; null for "Custom".
    const nnlab::Preset* currentPreset() const;
    // Selects a preset by name (empty or unknown: Custom) and emits presetChosen for it.
    bool selectPreset(const QString& name);
    // Shows whether the controls still hold the preset's configuration.
    void setModified(bool modified);

    QComboBox* combo() const { return m_combo; }

signals:
    void presetChosen(const nnlab::Preset* preset);

private:
    void choose();
    void showNote();

    QComboBox* m_combo;
    QLabel* m_note;
    bool m_modified = false;
};
