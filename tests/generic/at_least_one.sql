{#- Fails (one row) when the column has no non-null value at all: a normalization that
    nulls everything would otherwise pass every other test. -#}
{% test at_least_one(model, column_name) %}

select count({{ column_name }}) as non_null_values
from {{ model }}
having count({{ column_name }}) = 0

{% endtest %}
