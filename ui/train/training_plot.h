// training_plot.h — what the Train view's three plots share: a title with the chapter, a line
// saying what is drawn, a legend above the axes, export to PNG/PDF (also from a right-click
// menu), and drawing runs — the selected one solid, earlier ones dashed for comparison.
//
// Only finite numbers reach a graph (and only positive ones a log axis), and the axes are fitted
// to those: a diverging run leaves the plots readable. The x axis fits the selected run (earlier
// runs overlaid are cut to it, so a short run is never squeezed into a long one's axes) and the y
// axis what is visible; the legend takes as many columns as its widest entry allows, so no entry
// is ever cut.
#pragma once

#include "ui/train/run_record.h"

#include <qcustomplot.h>

#include <QList>

#include <optional>

class TrainingPlot : public QCustomPlot {
    Q_OBJECT

public:
    TrainingPlot(const QString& title, const QString& explanation, QWidget* parent = nullptr);

    // Redraws from the records: `main` solid, each of `overlays` dashed in a colour of its own.
    // Either may be empty. Asks for a queued replot.
    void showRuns(const RunRecord* main, const QList<const RunRecord*>& overlays);

    // Saves the plot as it is on screen, PNG or PDF by the file's suffix. False (and *error) on failure.
    bool exportTo(const QString& path, QString* error = nullptr);

    QString title() const;
    int replotCount() const { return m_replots; }   // replots actually drawn (for measurements)

    // Every (x, y) point of every graph; for tests that check nothing non-finite got through.
    QList<QPointF> allPoints() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

    virtual void addRun(const RunRecord& run, bool overlay) = 0;
    // The y range for the finite data on the graphs (the x range is set here).
    virtual QCPRange yRange() const = 0;

    // A line graph; nullptr-free: always added (empty when nothing finite was given).
    QCPGraph* addGraph(const QString& name, const QPen& pen, const QVector<double>& x,
                       const QVector<double>& y, QCPScatterStyle scatter = QCPScatterStyle(),
                       bool inLegend = true);
    static QPen overlayPen(int runId);   // an earlier run's: dashed, in its colour (palette::overlayRun)
    // A horizontal line (two points, equal y) that showRuns stretches over the whole x axis.
    static void spanXAxis(QCPGraph* graph);
    // Bounds of the y values on every graph (positive ones only when positiveOnly); none if there
    // are no such values. (Not an inverted QCPRange: QCPRange's constructor puts its ends in order.)
    // Only points within the x axis' range count: what is visible.
    std::optional<QCPRange> yBounds(bool positiveOnly = false) const;
    // A dotted vertical line at each change of η, λ or μ during the run, labelled with the new value.
    void markChanges(const RunRecord& run);

private:
    void showLegend(bool show);
    void fitLegend();     // the columns the widest entry allows in the plot's width
    void wrapHeadings();  // the title and explanation broken into lines that fit the width
    QCPTextElement* m_title;
    QCPTextElement* m_explanation;
    QString m_titleText, m_explanationText;   // unbroken
    int m_replots = 0;
};

// Appends (x, y) when both are finite (and y > 0 when positiveOnly).
void appendFinite(QVector<double>& xs, QVector<double>& ys, double x, double y, bool positiveOnly = false);
