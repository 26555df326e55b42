// Stylesheets a component imports for its side effect (Vite bundles them); web tests render
// components in Node, where there is nothing to style.
module.exports = {};
