#pragma once
// Relief allocation: which depot sends how much of which item to which destination (a shelter or
// a township), exactly, by a sequence of linear programs per item (docs/relief.md):
//
//  1. Fairness. The fill rate of a destination is delivered ÷ demand. Fill rates are maximised
//     lexicographically from the smallest up (max-min fairness by progressive filling, in
//     fill-rate units so quantities of any size are solved alike): maximise the smallest fill
//     rate λ over the destinations still open; freeze at λ every destination that no LP can lift
//     above λ while the others keep their levels (proved by LPs, not read off one solution);
//     repeat with the others until all are frozen or served in full.
//  2. Local first and the tier ladder (parameters.local_first). With those deliveries fixed,
//     minimise lexicographically, one LP each: (a) the quantity shipped across regions; then the
//     quantity shipped from (b) central depots, (c) province depots, (d) city depots, (e) county
//     depots. So a destination is served by its own region before any other (cross-region aid
//     covers only what local stock cannot), and among the depots that serve it draws on the
//     lowest tier first: township, then county, city, province, central. A stage that cannot
//     matter is skipped: (a) when no pair or every pair crosses regions, a tier no reachable
//     depot holding the item belongs to, and the lowest tier present (its quantity is what the
//     others leave), so an item takes 0 to 5 of these LPs.
//  3. Travel. With deliveries and the quantities of stage 2 fixed, minimise the quantity-weighted
//     travel time, Σ quantity × duration_s.
//
// After the solve each item is checked for stock left that a short destination could still take
// (unshipped_usable; ItemSummary says so, with the rounds whose freeze was forced).
//
// Items are independent (no shared vehicle capacity), so each is solved alone. Quantities are
// continuous: with enough stock every delivery is whole (the transportation problem has integral
// optima); a shortage can make fair shares fractional.

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/entities.hpp"
#include "solvers/relief/eta_targets.hpp"

namespace muster::relief {

/// A depot as the allocation sees it.
struct SupplyDepot {
    std::string id;
    std::string region;
    DepotTier tier = DepotTier::county;
    std::map<std::string, double> stock;  ///< item -> units held, >= 0
};

/// A shelter or township to supply.
struct Destination {
    std::string id;
    std::string region;
    std::map<std::string, double> demand;  ///< item -> units needed, >= 0
};

/// The inputs: depots, destinations and road travel times between them.
struct AllocationProblem {
    std::vector<SupplyDepot> depots;
    std::vector<Destination> destinations;
    /// Row-major depots × destinations, seconds; nothing where the roads do not connect them.
    std::vector<std::optional<double>> duration_s;

    std::optional<double> duration(std::size_t depot, std::size_t destination) const {
        return duration_s[depot * destinations.size() + destination];
    }
};

struct AllocationParameters {
    bool local_first = true;  ///< stage 2 (local first and the tier ladder) on (true) or off
    EtaTargets eta_targets;   ///< per depot tier: shipments slower than this are flagged late
};

/// One shipment: `quantity` of `item` from a depot to a destination.
struct Shipment {
    std::size_t depot = 0;
    std::size_t destination = 0;
    std::string item;
    double quantity = 0;
    double duration_s = 0;      ///< the travel time, i.e. the ETA after dispatch
    bool cross_region = false;  ///< depot and destination in different regions
    double eta_target_s = 0;    ///< the ETA target of the depot's tier, seconds
    bool late = false;          ///< duration_s > eta_target_s
};

/// What one destination receives of one item.
struct Fill {
    std::size_t destination = 0;
    std::string item;
    double demand = 0;
    double delivered = 0;
    double fill_rate = 1;  ///< delivered ÷ demand (1 when nothing is needed)
};

/// Totals of one item.
struct ItemSummary {
    std::string item;
    double demand = 0;  ///< over every destination
    double stock = 0;   ///< over every depot
    double delivered = 0;
    double min_fill_rate = 1;  ///< over reachable destinations needing the item
    double cross_region = 0;   ///< units shipped across regions
    /// Units shipped from depots of each tier, indexed by tier_index.
    std::array<double, kDepotTierCount> from_tier{};
    /// LPs solved by stage 2 (cross-region, then one per tier stage not skipped); 0 without
    /// local first.
    std::size_t preference_stages = 0;
    double weighted_travel_s = 0;  ///< Σ quantity × duration_s
    /// Progressive-filling rounds, one λ LP each (in exact arithmetic at most one per distinct
    /// fill level); the LPs of a round that test who can still rise are not counted.
    std::size_t fairness_rounds = 0;
    /// Rounds that froze a destination shown able to rise (detail::destinations_to_freeze): 0
    /// unless the LP solver stopped short of the optimum in two rounds running.
    std::size_t forced_freezes = 0;
    /// Units left at depots that a destination short of the item and connected to them by road
    /// could still take (unshipped_usable after the solve); 0 for a leximin result. Amounts within
    /// 10⁻⁶ of the item's largest demand or stock (the LP tolerance) count as 0.
    double unshipped_usable = 0;
};

struct AllocationResult {
    std::vector<Shipment> shipments;  ///< by item, then depot, then destination
    std::vector<Fill> fills;          ///< by item, then destination; items a destination needs
    std::vector<ItemSummary> items;   ///< sorted by item name
    /// Destinations that need something and that no depot reaches by road, in order.
    std::vector<std::size_t> unreachable;
};

/// Solves the allocation (the three stages above, per item). Items are those any destination
/// demands; an item no depot holds is delivered nowhere. Throws InputError for a duration matrix
/// of the wrong size, a negative or non-finite stock or demand, a negative duration, or an ETA
/// target that is not > 0. Each LP is over the reachable (depot, destination) pairs holding and
/// needing the item; local first takes 0 to 5 LPs (stage 2 above); fairness takes at most
/// one round per destination, a round one λ LP plus usually one or two LPs (at worst one per open
/// destination) to decide who can still rise.
AllocationResult allocate_relief(const AllocationProblem& problem,
                                 const AllocationParameters& parameters = {});

/// The most of `item` that could still be shipped after `shipments`: from what each depot keeps
/// (stock − shipped) to destinations that receive less than their demand, over the pairs the
/// roads connect — the maximum flow of that transportation problem, solved as one LP. A check of
/// an allocation, independent of how it was found. A depot's remainder or a destination's
/// shortfall of at most `ignore_below` units counts as 0 (LP noise). Throws InputError as
/// allocate_relief does, or for a shipment naming a depot or destination out of range.
/// O(one LP over the pairs with stock left and demand short).
double unshipped_usable(const AllocationProblem& problem, const std::string& item,
                        const std::vector<Shipment>& shipments, double ignore_below = 0);

}  // namespace muster::relief
