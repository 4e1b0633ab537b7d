module.exports = require('./jestTempRoot').setup;
