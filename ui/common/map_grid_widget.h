// map_grid_widget.h — a grid of small matrices drawn as images: a conv layer's 5×5 filters,
// or the feature maps it produces for one digit.
#pragma once

#include <Eigen/Core>

#include <QString>
#include <QWidget>

#include <vector>

class MapGridWidget : public QWidget {
    Q_OBJECT

public:
    enum class Colouring {
        Signed,     // weights: blue < 0 < red, white at 0, scaled by the largest |value|
        Intensity,  // activations: white at 0, black at the largest value (like the digits)
    };

    explicit MapGridWidget(QWidget* parent = nullptr);

    // Each matrix is one tile (rows × cols pixels before scaling), `columns` tiles per row.
    void setMaps(std::vector<Eigen::MatrixXf> maps, int columns, Colouring colouring, int tilePixels);
    int mapCount() const { return static_cast<int>(m_maps.size()); }
    const std::vector<Eigen::MatrixXf>& maps() const { return m_maps; }

    // Wrapping on: a row holds as many tiles as the width allows, `columns` at most, and the grid
    // grows downwards instead (a layer's 20 maps in rows of 14 in a 1024-pixel-wide window, not a
    // row that scrolls sideways). Off, the default: rows of exactly `columns` tiles (a row per filter).
    void setWrapping(bool wrap);

    // A tile drawn framed (the one chosen; -1: none), and tiles crossed out (neurons silenced).
    void setHighlighted(int index);
    int highlighted() const { return m_highlighted; }
    void setCrossedOut(std::vector<int> indices);
    // The tile under a point of the widget, or -1.
    int tileAt(QPoint pos) const;
    QRect tileRect(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return m_wrap; }
    int heightForWidth(int width) const override;

signals:
    void tileClicked(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QImage tileImage(const Eigen::MatrixXf& map) const;
    int columnsAt(int width) const;   // tiles per row at that width
    QSize sizeFor(int columns) const;

    std::vector<Eigen::MatrixXf> m_maps;
    int m_columns = 1;
    bool m_wrap = false;
    int m_tilePixels = 24;
    float m_scale = 1.0f;   // the value drawn at full colour
    Colouring m_colouring = Colouring::Intensity;
    int m_highlighted = -1;
    std::vector<int> m_crossedOut;
};
