#include "ui/backprop/gradient_check_panel.h"

#include "ui/bridge/background_jobs.h"
#include "ui/plotting/palette.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace {

QString duration(double seconds)
{
    if (seconds < 1e-3)
        return QString("%1 µs").arg(seconds * 1e6, 0, 'f', seconds < 1e-5 ? 1 : 0);
    if (seconds < 1.0)
        return QString("%1 ms").arg(seconds * 1e3, 0, 'f', seconds < 1e-2 ? 2 : 1);
    return QString("%1 s").arg(seconds, 0, 'f', 2);
}

QString count(long long n) { return QLocale(QLocale::English).toString(n); }

QString sup(int n) { return QString::fromStdString(nnlab::backprop::superscript(n)); }

struct Outcome {
    nnlab::backprop::GradientTiming timing;
    QString description;
};

}  // namespace

GradientCheckPanel::GradientCheckPanel(QWidget* parent)
    : QWidget(parent), m_sourceCombo(new QComboBox(this)), m_checkButton(new QPushButton(tr("Check gradients"), this)),
      m_cancelButton(new QPushButton(tr("Cancel"), this)), m_progress(new QProgressBar(this)),
      m_summary(new QLabel(this)), m_table(new QTableWidget(0, 6, this)), m_poll(new QTimer(this)),
      m_jobs(new BackgroundJobs(this)), m_done(std::make_shared<std::atomic<long long>>(0)),
      m_total(std::make_shared<std::atomic<long long>>(0)), m_stop(std::make_shared<std::atomic<bool>>(false))
{
    m_sourceCombo->setObjectName("checkSourceCombo");
    m_checkButton->setObjectName("checkButton");
    m_checkButton->setToolTip(tr("Compute every ∂C/∂wˡⱼₖ and ∂C/∂bˡⱼ twice: by backpropagation (one forward and one "
                                 "backward pass) and by centred differences (C(w + ε) − C(w − ε)) / 2ε, ε = 10⁻⁵, "
                                 "two forward passes per parameter; compare them and time both"));
    m_cancelButton->setObjectName("cancelButton");
    m_cancelButton->setToolTip(tr("Stop the finite differences"));
    m_cancelButton->setEnabled(false);
    m_progress->setObjectName("checkProgress");
    m_progress->setToolTip(tr("Parameters whose finite difference is done"));
    m_progress->setFormat(tr("not run yet"));
    m_progress->setValue(0);
    m_progress->setMaximumWidth(280);
    // Room for the longest text it shows (a 784-30-10 network has 23,860 parameters), even where
    // the row is short of space (1024×640): the bar would break it over two cut lines.
    m_progress->setMinimumWidth(m_progress->fontMetrics().horizontalAdvance(tr("%1 of %1 parameters").arg(99999)) + 24);
    m_summary->setObjectName("checkSummary");
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setToolTip(tr("The book's point (chapter 2, \"In what sense is backpropagation a fast algorithm?\"): "
                             "the naive method needs a forward pass per weight, backprop gets them all at the "
                             "cost of about two forward passes"));
    m_table->setObjectName("checkTable");
    m_table->setHorizontalHeaderLabels({tr("layer"), tr("parameters"), tr("relative error"),
                                        tr("finite differences"), tr("one backprop pass"), tr("ratio")});
    const QStringList tips = {
        tr("wˡ, bˡ: the weights and biases into layer l (the book's numbering: layer 1 is the input)"),
        tr("How many weights and biases the layer has; each needs two forward passes by finite differences"),
        tr("‖∇_bp − ∇_fd‖ / (‖∇_bp‖ + ‖∇_fd‖) over all the layer's parameters: backprop's gradient against the "
           "finite differences. Below 10⁻⁴: they agree (the rest is the differences' own error)"),
        tr("Time for the layer's finite differences: 2 forward passes per parameter (cost in double precision)"),
        tr("Time for one backprop pass (forward and backward) that gives every layer's gradient at once "
           "(median of 51 passes)"),
        tr("Finite differences' time over one backprop pass: how many times slower the naive method is")};
    for (int c = 0; c < tips.size(); ++c)
        m_table->horizontalHeaderItem(c)->setToolTip(tips[c]);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    // Rows a line of text high (Qt's default is half as high again), and room for a 784-30-10
    // network's rows (two layers and the total) without scrolling.
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() +
                            3 * m_table->verticalHeader()->defaultSectionSize() + 4);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("<b>Gradient check</b>"), this));
    controls->addWidget(m_sourceCombo);
    controls->addWidget(m_checkButton);
    controls->addWidget(m_cancelButton);
    controls->addWidget(m_progress);
    controls->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(m_table);
    m_summary->setText(tr("Backprop against centred finite differences, parameter by parameter: press "
                          "<i>Check gradients</i>."));

    m_poll->setInterval(50);
    connect(m_poll, &QTimer::timeout, this, [this] {
        m_progress->setMaximum(int(std::max<long long>(1, m_total->load())));
        m_progress->setValue(int(m_done->load()));
    });
    connect(m_checkButton, &QPushButton::clicked, this, &GradientCheckPanel::check);
    connect(m_cancelButton, &QPushButton::clicked, this, &GradientCheckPanel::cancel);
}

GradientCheckPanel::~GradientCheckPanel()
{
    m_stop->store(true);   // the job's thread sees it within 256 parameters; ~BackgroundJobs joins it
}

QSize GradientCheckPanel::minimumSizeHint() const
{
    QSize size = QWidget::minimumSizeHint();
    size.setHeight(std::max(size.height(), layout()->totalHeightForWidth(width())));
    return size;
}

void GradientCheckPanel::addSource(const QString& name, const QString& toolTip, Source source)
{
    m_sourceCombo->addItem(name);
    m_sourceCombo->setItemData(m_sourceCombo->count() - 1, toolTip, Qt::ToolTipRole);
    m_sourceCombo->setToolTip(tr("Which network to check, on its current example x"));
    m_sources.push_back(std::move(source));
}

void GradientCheckPanel::setSource(int index) { m_sourceCombo->setCurrentIndex(index); }

bool GradientCheckPanel::isRunning() const { return m_jobs->running() > 0; }

QString GradientCheckPanel::summaryText() const { return m_summary->text(); }

void GradientCheckPanel::cancel()
{
    m_stop->store(true);
}

void GradientCheckPanel::check()
{
    const int index = m_sourceCombo->currentIndex();
    if (index < 0 || index >= int(m_sources.size()))
        return;
    const auto example = m_sources[index]();
    if (!example || !example->net) {
        m_summary->setText(tr("That network is not ready yet (it needs MNIST, or is still being trained)."));
        return;
    }
    // A newer check supersedes one in flight: stop that one, ignore what it returns.
    m_stop->store(true);
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_done = std::make_shared<std::atomic<long long>>(0);
    m_total = std::make_shared<std::atomic<long long>>(0);
    const int generation = ++m_generation;
    m_checkButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_summary->setText(tr("Checking %1…").arg(example->description.toHtmlEscaped()));
    m_progress->setFormat(tr("%v of %m parameters"));
    m_progress->setValue(0);
    m_poll->start();
    auto done = m_done, total = m_total;
    auto stop = m_stop;
    m_jobs->run<Outcome>(
        [example = *example, done, total, stop] {
            nnlab::Network net = *example.net;   // the check nudges parameters: work on a copy
            Outcome outcome{nnlab::backprop::timeGradients(net, example.x, example.y, 51,
                                                           [&](long long d, long long t) {
                                                               done->store(d);
                                                               total->store(t);
                                                               return !stop->load();
                                                           }),
                            example.description};
            return outcome;
        },
        [this, generation](Outcome& outcome) {
            if (generation != m_generation)
                return;
            m_poll->stop();
            m_checkButton->setEnabled(true);
            m_cancelButton->setEnabled(false);
            if (!outcome.timing.complete) {
                m_summary->setText(tr("Cancelled."));
                return;
            }
            m_progress->setMaximum(int(outcome.timing.parameters));
            m_progress->setValue(int(outcome.timing.parameters));
            showResult(outcome.timing, outcome.description);
        });
}

void GradientCheckPanel::showResult(const nnlab::backprop::GradientTiming& t, const QString& description)
{
    m_result = t;
    m_table->setRowCount(int(t.layers.size()) + 1);
    auto cell = [this](int r, int c, const QString& text) {
        auto* item = new QTableWidgetItem(text);
        item->setTextAlignment(c == 0 ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(r, c, item);
    };
    for (int i = 0; i < int(t.layers.size()); ++i) {
        const auto& layer = t.layers[i];
        const int l = layer.layer + 1;   // the engine's first weights are the book's w²
        cell(i, 0, QString("w%1, b%1").arg(sup(l)));
        cell(i, 1, count(layer.checked));
        cell(i, 2, QString::number(layer.relativeError, 'e', 1).replace('-', QChar(0x2212)));
        cell(i, 3, duration(layer.finiteDifferenceSeconds));
        // The same pass gives every layer's gradients: the time is shared, shown grey.
        cell(i, 4, duration(t.backpropSeconds));
        m_table->item(i, 4)->setForeground(palette::mutedText);
        m_table->item(i, 4)->setToolTip(tr("One backprop pass computes this layer's gradients and every other layer's"));
        cell(i, 5, QString("%1×").arg(count(std::llround(layer.finiteDifferenceSeconds / t.backpropSeconds))));
    }
    const int r = int(t.layers.size());
    cell(r, 0, tr("all"));
    cell(r, 1, count(t.parameters));
    cell(r, 2, QString::number(t.maxRelativeError, 'e', 1).replace('-', QChar(0x2212)) + tr(" (max)"));
    cell(r, 3, duration(t.finiteDifferenceSeconds));
    cell(r, 4, duration(t.backpropSeconds));
    cell(r, 5, QString("%1×").arg(count(std::llround(t.ratio()))));
    for (int c = 0; c < 6; ++c)
        if (auto* item = m_table->item(r, c)) {
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
    m_summary->setText(tr("%1: finite differences needed <b>%2 forward passes: %3</b>, against <b>%4</b> for one "
                          "backprop pass that gives all %5 gradients — <b>%6× slower</b>. They agree: relative "
                          "error at most %7.")
                           .arg(description.toHtmlEscaped(), count(t.forwardPasses), duration(t.finiteDifferenceSeconds),
                                duration(t.backpropSeconds), count(t.parameters), count(std::llround(t.ratio())),
                                QString::number(t.maxRelativeError, 'e', 1).replace('-', QChar(0x2212))));
    qInfo("backprop: gradient check finished, %lld parameters, backprop %.1f us, finite differences %.1f ms, "
          "ratio %.0f, max relative error %.2g",
          t.parameters, t.backpropSeconds * 1e6, t.finiteDifferenceSeconds * 1e3, t.ratio(), t.maxRelativeError);
    emit checkFinished();
}
