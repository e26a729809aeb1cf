#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace lifeline::http {

namespace {

// "/" has no segments; "/a/b/" has "a", "b" and "" (a trailing slash is a distinct path).
std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path == "/") return segments;
  if (path.front() == '/') path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

std::string join_from(const std::vector<std::string_view>& segments, std::size_t first) {
  std::string rest;
  for (std::size_t i = first; i < segments.size(); ++i) {
    if (i > first) rest.push_back('/');
    rest.append(segments[i]);
  }
  return rest;
}

bool method_serves(Method route_method, Method requested) {
  return route_method == requested || (requested == Method::head && route_method == Method::get);
}

}  // namespace

bool Principal::has_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::optional<std::string_view> PathParams::get(std::string_view name) const {
  for (const auto& [key, value] : values) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

void Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
  }
  Pattern pattern;
  const auto parts = split_segments(route.pattern);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view part = parts[i];
    if (part == "*") {
      if (i + 1 != parts.size()) {
        throw std::invalid_argument("'*' must be the last segment: " + route.pattern);
      }
      pattern.push_back({Segment::Kind::rest, "*"});
    } else if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      pattern.push_back({Segment::Kind::capture, std::string(part.substr(1, part.size() - 2))});
    } else if (part.empty() || part.find_first_of("{}*") != std::string_view::npos) {
      throw std::invalid_argument("malformed route pattern segment: " + route.pattern);
    } else {
      pattern.push_back({Segment::Kind::literal, std::string(part)});
    }
  }
  for (const Route& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) {
      throw std::invalid_argument("duplicate route: " + std::string(to_string(route.method)) + " " +
                                  route.pattern);
    }
  }
  routes_.push_back(std::move(route));
  patterns_.push_back(std::move(pattern));
}

RouteMatch Router::match(Method method, std::string_view path) const {
  const auto segments = split_segments(path);

  // Binds `pattern` to the path; returns the precedence key (lower wins) on a match.
  const auto bind = [&segments](const Pattern& pattern,
                                PathParams& params) -> std::optional<std::vector<Segment::Kind>> {
    std::vector<Segment::Kind> precedence;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      const Segment& segment = pattern[i];
      precedence.push_back(segment.kind);
      if (segment.kind == Segment::Kind::rest) {
        params.values.emplace_back("*", join_from(segments, i));
        return precedence;
      }
      if (i >= segments.size() || segments[i].empty()) return std::nullopt;
      if (segment.kind == Segment::Kind::literal && segment.text != segments[i])
        return std::nullopt;
      if (segment.kind == Segment::Kind::capture) {
        params.values.emplace_back(segment.text, std::string(segments[i]));
      }
    }
    if (pattern.size() != segments.size()) return std::nullopt;
    return precedence;
  };

  RouteMatch best;
  best.status = 404;
  std::optional<std::vector<Segment::Kind>> best_precedence;
  bool best_is_exact_method = false;
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    PathParams params;
    auto precedence = bind(patterns_[r], params);
    if (!precedence) continue;
    const Route& route = routes_[r];
    best.allowed_methods.push_back(route.method);
    if (route.method == Method::get) best.allowed_methods.push_back(Method::head);
    if (!method_serves(route.method, method)) continue;
    const bool exact_method = route.method == method;
    const bool better = !best_precedence || *precedence < *best_precedence ||
                        (*precedence == *best_precedence && exact_method && !best_is_exact_method);
    if (better) {
      best.route = &route;
      best.params = std::move(params);
      best_precedence = std::move(precedence);
      best_is_exact_method = exact_method;
    }
  }

  std::sort(best.allowed_methods.begin(), best.allowed_methods.end());
  best.allowed_methods.erase(std::unique(best.allowed_methods.begin(), best.allowed_methods.end()),
                             best.allowed_methods.end());
  if (best.route) {
    best.status = 200;
  } else if (!best.allowed_methods.empty()) {
    best.status = 405;
  }
  return best;
}

}  // namespace lifeline::http
