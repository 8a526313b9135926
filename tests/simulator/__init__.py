"""Tests of the charger simulator (lektrico_sim)."""
