#pragma once
// Planning standards muster uses as defaults, each with its source. All are configurable where
// they are used.

namespace muster {

/// Effective shelter area per person, m² (GB 21734-2008 §5.4: at least 1.5 m²). Shelter capacity
/// is derived as effective area ÷ this when a source gives no capacity.
inline constexpr double kPerCapitaShelterAreaM2 = 1.5;

}  // namespace muster
