// Exports of the graph on screen: SVG and PNG of exactly what the scene shows, and Graphviz
// .dot of the shown graph (colours and highlights as attributes, for `dot -Tpdf`).
#pragma once
#include <QByteArray>
#include <QImage>
#include <QString>

namespace rw::viewer {

class GraphScene;

QByteArray scene_to_svg(const GraphScene& scene);
QImage scene_to_image(GraphScene& scene, double scale = 2.0);
QString shown_graph_to_dot(const GraphScene& scene);

// Writes by extension: .svg, .png or .dot. Returns an error message, empty on success.
QString export_graph(GraphScene& scene, const QString& path);

}  // namespace rw::viewer
