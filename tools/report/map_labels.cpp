#include "tools/report/map_labels.hpp"

#include "tools/report/report_text.hpp"

namespace muster::tools {

std::size_t draw_map_labels(cairo_t* cr, const MapFrame& frame,
                            const std::vector<MapLabel>& labels) {
    TextStyle style;
    style.size_pt = 7;
    style.bold = true;
    style.colour = {0.12, 0.12, 0.16};
    style.align = Align::centre;
    const PageRect& area = frame.area();
    std::vector<PageRect> placed;
    for (const MapLabel& label : labels) {
        const TextSize size = measure_text(cr, label.text, style);
        const PagePoint at = frame.to_page(label.at);
        // The box of the text and its halo, with a little room around it.
        const PageRect box{at.x - size.width / 2 - 3, at.y - size.height / 2 - 2, size.width + 6,
                           size.height + 4};
        const bool inside = box.x >= area.x && box.y >= area.y &&
                            box.x + box.width <= area.x + area.width &&
                            box.y + box.height <= area.y + area.height;
        bool free = inside;
        for (const PageRect& other : placed) {
            if (free && box.x < other.x + other.width && other.x < box.x + box.width &&
                box.y < other.y + other.height && other.y < box.y + box.height)
                free = false;
        }
        if (!free)
            continue;
        draw_text_with_halo(cr, label.text, at.x, at.y - size.height / 2, style);
        placed.push_back(box);
    }
    return placed.size();
}

}  // namespace muster::tools
