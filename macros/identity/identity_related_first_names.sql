{% macro identity_related_first_names(name_pairs, nicknames) -%}
    {{ return(adapter.dispatch('identity_related_first_names')(name_pairs, nicknames)) }}
{%- endmacro %}

{% macro default__identity_related_first_names(name_pairs, nicknames) -%}
    {#- A select of the distinct (first_name_a, first_name_b) of the relation name_pairs
        with is_related = 1 when the two first-name keys may name one person: by their
        spelling (identity_first_names_compatible) or as forms of one formal name in the
        nicknames relation (bob ~ robert; bob ~ robbie through robert), else 0. Joins, not
        correlated subqueries, so every engine plans it the same way. -#}
    select
        pairs.first_name_a,
        pairs.first_name_b,
        max(
            case
                when {{ identity_first_names_compatible('pairs.first_name_a', 'pairs.first_name_b') }}
                    then 1
                when nickname_of_a.name is not null or nickname_of_b.name is not null
                    then 1
                when forms_b.name is not null
                    then 1
                else 0
            end
        ) as is_related
    from (
        select distinct
            {{ name_pairs }}.first_name_a,
            {{ name_pairs }}.first_name_b
        from {{ name_pairs }}
    ) as pairs
    left outer join {{ nicknames }} as nickname_of_a
        on
            pairs.first_name_a = nickname_of_a.nickname
            and pairs.first_name_b = nickname_of_a.name
    left outer join {{ nicknames }} as nickname_of_b
        on
            pairs.first_name_b = nickname_of_b.nickname
            and pairs.first_name_a = nickname_of_b.name
    left outer join {{ nicknames }} as forms_a
        on pairs.first_name_a = forms_a.nickname
    left outer join {{ nicknames }} as forms_b
        on
            pairs.first_name_b = forms_b.nickname
            and forms_a.name = forms_b.name
    group by
        pairs.first_name_a,
        pairs.first_name_b
{%- endmacro %}
