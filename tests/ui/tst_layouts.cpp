// tst_layouts.cpp — every view usable on a small screen: the real main window, MNIST loaded as
// the app loads it, sized to 1024×640; each view shown in turn, and each tab inside it (and the
// Backprop view once more after its gradient check, whose summary grows). In every state no
// visible widget may overlap a sibling, stick out of its parent (unless it sits in a scroll area
// that can scroll to it), or be squeezed below its minimum size or the size its text needs (a
// label or a button narrower than its words, a wrapped caption shorter than its lines). The
// window itself must shrink to 1024×640 whichever view it shows. Every offender is named by
// view, tab, class and objectName, one warning line each.
// Registered twice: as is, and at QT_SCALE_FACTOR=2 (1024×640 logical pixels on a 2048×1280
// screen), where fixed pixel sizes and pixmaps would show up. The Draw view once more with a
// digit drawn and a hidden neuron chosen, for each built-in network.
#include "ui/backprop/backprop_view.h"
#include "ui/backprop/gradient_check_panel.h"
#include "ui/bridge/dataset_loader.h"
#include "ui/common/model_source_selector.h"
#include "ui/draw/draw_view.h"
#include "ui/draw/hidden_layers_panel.h"
#include "ui/draw/neuron_detail_panel.h"
#include "ui/draw/neuron_tile_grid.h"
#include "ui/inspect/inspect_view.h"
#include "ui/inspect/neuron_edit_panel.h"
#include "ui/shell/main_window.h"

#include "tests/support/mnist.h"
#include "tests/support/sanitizer_slack.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLabel>
#include <QLayout>
#include <QListWidget>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QScopeGuard>
#include <QTabWidget>
#include <QtTest>

#include <algorithm>
#include <memory>

namespace {

const QSize smallScreen(1024, 640);

// "QPushButton#startButton "Start"" — what a reader needs to find the widget in the code.
QString describe(const QWidget* w)
{
    QString text = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty())
        text += '#' + w->objectName();
    QString shown;
    if (auto* label = qobject_cast<const QLabel*>(w))
        shown = label->text();
    else if (auto* button = qobject_cast<const QAbstractButton*>(w))
        shown = button->text();
    else if (auto* combo = qobject_cast<const QComboBox*>(w))
        shown = combo->currentText();
    shown.remove(QRegularExpression("<[^>]*>"));
    if (!shown.isEmpty())
        text += " \"" + (shown.size() > 40 ? shown.left(37) + "…" : shown) + '"';
    // The nearest named ancestor says where it lives when the widget itself has no name.
    for (const QWidget* p = w->parentWidget(); p; p = p->parentWidget())
        if (!p->objectName().isEmpty() && !p->objectName().startsWith("qt_")) {
            text += " in " + QString::fromLatin1(p->metaObject()->className()) + '#' + p->objectName();
            break;
        }
    return text;
}

QString sizeText(const QSize& s) { return QString("%1×%2").arg(s.width()).arg(s.height()); }

QString rectText(const QRect& r)
{
    return QString("%1×%2 at (%3,%4)").arg(r.width()).arg(r.height()).arg(r.x()).arg(r.y());
}

// The scroll area whose viewport w lies in, when that area can scroll to all of w.
bool canScrollTo(const QWidget* w)
{
    const QWidget* parent = w->parentWidget();
    auto* area = parent ? qobject_cast<const QAbstractScrollArea*>(parent->parentWidget()) : nullptr;
    if (!area || area->viewport() != parent)
        return false;
    const QRect r = w->geometry();
    const bool wider = r.left() < 0 || r.right() > parent->width() - 1;
    const bool taller = r.top() < 0 || r.bottom() > parent->height() - 1;
    return (!wider || area->horizontalScrollBarPolicy() != Qt::ScrollBarAlwaysOff)
           && (!taller || area->verticalScrollBarPolicy() != Qt::ScrollBarAlwaysOff);
}

// Widgets that show words: squeezed below their minimum size hint, the words are cut.
bool showsText(const QWidget* w)
{
    if (auto* label = qobject_cast<const QLabel*>(w))
        return !label->text().isEmpty();
    return qobject_cast<const QAbstractButton*>(w) || qobject_cast<const QComboBox*>(w)
           || qobject_cast<const QAbstractSpinBox*>(w);
}

// True when layout (or a layout nested in it) places w.
bool places(const QLayout* layout, const QWidget* w)
{
    for (int i = 0; layout && i < layout->count(); ++i) {
        QLayoutItem* item = layout->itemAt(i);
        if (item->widget() == w || places(item->layout(), w))
            return true;
    }
    return false;
}

// Why w is smaller than it may be; empty when it is not. A layout honours each widget's minimum
// (its minimumSize() where set, else its minimumSizeHint(), per its size policy) until the room
// runs out: below it, plots lose their axes and widgets their words. (Only widgets that layouts
// place: Qt's own parts, a spin box's line edit or a table's headers, are placed by their owner.)
// Words need more: a label whose minimum was set below its text, or a wrapped caption shorter
// than its lines.
QString squeezed(QWidget* w)
{
    QSize minimum = QWidgetItem(w).minimumSize();
    // A wrapped caption or grid needs the height of its lines at the width it has. (Only widgets
    // without a layout: a layout's height for width is what it would like, not what it needs;
    // the wrapped widgets inside it are checked themselves.)
    if (w->hasHeightForWidth() && !w->layout())
        minimum.setHeight(std::max(minimum.height(), w->heightForWidth(w->width())));
    const bool qtsOwn = w->parentWidget()->objectName().startsWith("qt_");   // a scroll bar's container
    if (!qtsOwn && places(w->parentWidget()->layout(), w)
        && (w->width() < minimum.width() || w->height() < minimum.height()))
        return QString("squeezed to %1, below its minimum %2").arg(sizeText(w->size()), sizeText(minimum));
    if (!showsText(w))
        return {};
    const QSize hint = w->minimumSizeHint();
    // A wrapped caption's height depends on its width: the lines it needs at the width it has.
    const int neededHeight = w->hasHeightForWidth() ? w->heightForWidth(w->width()) : hint.height();
    if (w->width() < hint.width() || w->height() < neededHeight)
        return QString("squeezed to %1, its text needs %2")
            .arg(sizeText(w->size()), sizeText({hint.width(), neededHeight}));
    return {};
}

// Every fault of the visible widgets under root, one line each.
QStringList faults(const QWidget* root)
{
    QStringList found;
    const QList<QWidget*> widgets = root->findChildren<QWidget*>();
    for (QWidget* w : widgets) {
        if (!w->isVisible() || w->isWindow())
            continue;
        const QWidget* parent = w->parentWidget();
        // An empty widget shows nothing to cut off or to overlap (a grid before it has tiles);
        // squeezed() still catches one whose words need room.
        const bool empty = w->geometry().isEmpty();
        if (!empty && !parent->rect().contains(w->geometry()) && !canScrollTo(w))
            found << QString("%1 is cut off: %2 in its parent's %3")
                         .arg(describe(w), rectText(w->geometry()), sizeText(parent->size()));
        if (const QString why = squeezed(w); !why.isEmpty())
            found << describe(w) + " is " + why;
        // Each pair of siblings once: w against the visible siblings after it.
        bool after = false;
        for (const QObject* o : parent->children()) {
            if (o == w) {
                after = true;
                continue;
            }
            auto* sibling = qobject_cast<const QWidget*>(o);
            if (empty || !after || !sibling || !sibling->isVisible() || sibling->isWindow())
                continue;
            if (w->geometry().intersects(sibling->geometry()))
                found << QString("%1 overlaps %2: %3 and %4")
                             .arg(describe(w), describe(sibling), rectText(w->geometry()),
                                  rectText(sibling->geometry()));
        }
    }
    return found;
}

// Lets pending layouts, resizes and timers of a just-shown page run.
void settle(int ms)
{
    QTest::qWait(ms);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QCoreApplication::processEvents();
}

// Adds to report the faults under view not reported yet, each prefixed with where it was seen.
void report(const QWidget* view, const QString& where, QStringList& found)
{
    for (const QString& fault : faults(view))
        if (!std::any_of(found.cbegin(), found.cend(), [&](const QString& f) { return f.endsWith(": " + fault); }))
            found << where + ": " + fault;
}

// Checks view as it is, then with each tab of each tab widget in turn (nested ones too).
void checkTabs(QWidget* view, QWidget* root, const QString& where, QSet<QTabWidget*>& visited,
               QStringList& found)
{
    for (QTabWidget* tabs : root->findChildren<QTabWidget*>()) {
        if (!tabs->isVisible() || visited.contains(tabs))
            continue;
        visited.insert(tabs);
        const int shown = tabs->currentIndex();
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            settle(150);
            const QString tab = where + " / " + tabs->tabText(i).remove('&');
            report(view, tab, found);
            checkTabs(view, tabs->widget(i), tab, visited, found);
        }
        tabs->setCurrentIndex(shown);
    }
}

}  // namespace

class TestLayouts : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_window;
    QStackedWidget* m_views = nullptr;
    QListWidget* m_navigation = nullptr;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);   // no window geometry or settings of the user's
        QSettings().clear();
        SKIP_WITHOUT_MNIST();
        m_window = std::make_unique<MainWindow>();
        // The views' stack sits in the central widget, beside the navigation list.
        m_views = m_window->centralWidget()->findChild<QStackedWidget*>(QString(), Qt::FindDirectChildrenOnly);
        m_navigation = m_window->findChild<QListWidget*>("navigation");
        QVERIFY(m_views && m_navigation);
        // MNIST loads in the background, as in the app; the views show data, not a loading page.
        auto* loader = m_window->findChild<DatasetLoader*>();
        QVERIFY(loader);
        QTRY_VERIFY_WITH_TIMEOUT(loader->split(nnlab::DatasetKind::Mnist) != nullptr, 30000);
        m_window->resize(smallScreen);   // grown to its minimum when a view needs more
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void viewFits_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < m_navigation->count(); ++i)
            QTest::newRow(qPrintable(m_navigation->item(i)->text().section('\n', 0, 0))) << i;
    }

    void viewFits()
    {
        QFETCH(int, index);
        verifyFits(index, [] {});
    }

    // After the gradient check its summary wraps to two lines: the pane under the walk grows with
    // it instead of cutting off the table's last row.
    void backpropAfterTheGradientCheck()
    {
        auto* backprop = m_window->findChild<BackpropView*>();
        QVERIFY(backprop);
        verifyFits(m_views->indexOf(backprop), [backprop] {
            backprop->gradientCheck()->check();
            QTRY_VERIFY_WITH_TIMEOUT(!backprop->gradientCheck()->isRunning(), int(60000 * kSanitizerSlack));
        });
    }

    // The Draw view with a digit on the canvas and a hidden neuron chosen, for the fully connected
    // network and for the convnet (its feature maps): the bars and the hidden layers share the
    // room beside the canvas, as two tabs in this small window.
    void drawViewWithItsHiddenLayers_data()
    {
        QTest::addColumn<int>("source");
        QTest::newRow("784-100-10") << int(ModelSourceSelector::BuiltIn);
        QTest::newRow("convnet") << int(ModelSourceSelector::BuiltInConvnet);
    }

    void drawViewWithItsHiddenLayers()
    {
        QFETCH(int, source);
        auto* draw = m_window->findChild<DrawView*>();
        QVERIFY(draw);
        const auto restore = qScopeGuard([draw] {
            draw->modelSource()->setSource(ModelSourceSelector::BuiltIn);
            draw->clearCanvas();
        });
        verifyFits(m_views->indexOf(draw), [draw, source] {
            draw->modelSource()->setSource(ModelSourceSelector::Source(source));
            QTRY_VERIFY_WITH_TIMEOUT(draw->modelSource()->network() && !draw->modelSource()->isLoading(),
                                     int(60000 * kSanitizerSlack));
            QVERIFY(draw->tryTestDigit(3));
            HiddenLayersPanel* hidden = draw->hiddenLayers();
            QVERIFY(!hidden->neuronGrids().empty());
            hidden->selectNeuron(hidden->neuronGrids().front()->layer(), 42);
            QVERIFY(hidden->detail()->facts().has_value());
        });
    }

    // Inspect on the convnet with two filters changed: the neuron editor's list of changes and
    // its "before → after" accuracy wrap instead of pushing the panels apart.
    void inspectWithAChangedConvnet()
    {
        auto* inspect = m_window->findChild<InspectView*>();
        QVERIFY(inspect);
        verifyFits(m_views->indexOf(inspect), [inspect] {
            inspect->modelSelector()->setSource(ModelSourceSelector::BuiltInConvnet);
            QTRY_VERIFY_WITH_TIMEOUT(inspect->trainedAccuracy() && inspect->network() &&
                                         !inspect->network()->isFullyConnected(),
                                     int(120000 * kSanitizerSlack));
            NeuronEditPanel* editor = inspect->neuronEditor();
            editor->selectNeuron(4);
            editor->silenceBox()->click();
            editor->selectNeuron(11);
            editor->negateBox()->click();
            QTRY_VERIFY_WITH_TIMEOUT(!editor->accuracyText().contains("computing"), int(120000 * kSanitizerSlack));
        });
        inspect->modelSelector()->setSource(ModelSourceSelector::BuiltIn);
    }

private:
    // Shows view `index` at 1024×640, lets `act` do its work, then checks the view and each of
    // its tabs; every fault is a warning line, and the test fails when there is one.
    template <typename Act>
    void verifyFits(int index, Act act)
    {
        QWidget* view = m_views->widget(index);
        const QString name = m_navigation->item(index)->text().section('\n', 0, 0);
        // The window's minimum size is that of its largest view: the others drop out of it while
        // this one is measured (Ignored size policy), so each view is judged at the room it has
        // at 1024×640 even while another still holds the window bigger.
        QList<std::pair<QWidget*, QSizePolicy>> others;
        for (int i = 0; i < m_views->count(); ++i)
            if (i != index) {
                QWidget* other = m_views->widget(i);
                others.append({other, other->sizePolicy()});
                other->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
            }
        const auto restore = qScopeGuard([&] {
            for (const auto& [other, policy] : others)
                other->setSizePolicy(policy);
        });
        m_window->showView(index);
        settle(100);
        m_window->resize(smallScreen);
        settle(400);   // some views build their content on first showing
        act();
        if (QTest::currentTestFailed())   // act's own check failed
            return;
        settle(100);

        QStringList found;
        if (m_window->size() != smallScreen)
            found << QString("%1 holds the window at %2: the view needs at least %3, and has %4 at %5")
                         .arg(name, sizeText(m_window->size()), sizeText(QWidgetItem(view).minimumSize()),
                              sizeText(view->size() - (m_window->size() - smallScreen)), sizeText(smallScreen));
        report(view, name, found);
        QSet<QTabWidget*> visited;
        checkTabs(view, view, name, visited, found);
        // Each fault on a line of its own (QVERIFY2 cuts its message at 1,000 characters).
        for (const QString& fault : found)
            qWarning("layout fault: %s", qPrintable(fault));
        QVERIFY2(found.isEmpty(), qPrintable(QString("%1 fault(s), each in a warning above; the first: %2")
                                                  .arg(found.size()).arg(found.value(0))));
    }
};

QTEST_MAIN(TestLayouts)
#include "tst_layouts.moc"
