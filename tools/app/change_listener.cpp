#include "tools/app/change_listener.hpp"

#include <chrono>
#include <exception>
#include <optional>

#include "geodata/resource_db.hpp"

namespace muster::tools {

ChangeListener::ChangeListener(std::string database, LiveResources& live, std::ostream& notes)
    : m_database(std::move(database)),
      m_live(live),
      m_notes(notes),
      m_thread([this](const std::stop_token& stop) { run(stop); }) {}

void ChangeListener::run(const std::stop_token& stop) {
    using namespace std::chrono_literals;
    std::optional<ResourceDb> db;
    while (!stop.stop_requested()) {
        try {
            if (!db) {
                db.emplace(ResourceDb::open_existing(m_database));
                db->listen_for_changes();
                m_live.catch_up();  // what was committed while no one listened
            }
            // A look four times a second at least, should a notice be lost; and the stop.
            db->wait_for_changes(250ms);
            m_live.catch_up();
        } catch (const std::exception& e) {
            m_notes << "serve: following the database's changes: " << e.what()
                    << "; trying again in a second\n";
            db.reset();
            for (int i = 0; i < 10 && !stop.stop_requested(); ++i)
                std::this_thread::sleep_for(100ms);
        }
    }
}

}  // namespace muster::tools
