{#- Fails for each row where the boolean SQL `expression` is not true (false or null).
    The expression is complete (it names its columns), at model or column level alike;
    restrict rows with the `where` config. -#}
{% test expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
where not coalesce(({{ expression }}), false)

{% endtest %}
