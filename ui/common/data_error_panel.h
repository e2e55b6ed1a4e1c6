// data_error_panel.h — what a view shows instead of its data when the data cannot be loaded:
// the loader's one-line message (file, problem, fetch command) and a Retry button.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

class DataErrorPanel : public QWidget {
    Q_OBJECT

public:
    explicit DataErrorPanel(QWidget* parent = nullptr);

    void setError(const QString& title, const QString& message);
    QString message() const;

signals:
    void retryClicked();

private:
    QLabel* m_title;
    QLabel* m_message;
    QPushButton* m_retry;
};
