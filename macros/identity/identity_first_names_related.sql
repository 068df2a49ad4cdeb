{% macro identity_first_names_related(first_name_a, first_name_b, nicknames) -%}
    {{ return(adapter.dispatch('identity_first_names_related')(first_name_a, first_name_b, nicknames)) }}
{%- endmacro %}

{% macro default__identity_first_names_related(first_name_a, first_name_b, nicknames) -%}
    {#- True when two first-name match keys may name one person: by their spelling
        (identity_first_names_compatible) or as forms of one formal name in the nicknames
        relation (bob ~ robert, bob ~ robbie through robert). -#}
    (
        {{ identity_first_names_compatible(first_name_a, first_name_b) }}
        or exists (
            select 1
            from {{ nicknames }} as nickname_pair
            where
                (nickname_pair.nickname = {{ first_name_a }} and nickname_pair.name = {{ first_name_b }})
                or (nickname_pair.nickname = {{ first_name_b }} and nickname_pair.name = {{ first_name_a }})
        )
        or exists (
            select 1
            from {{ nicknames }} as forms_a
            inner join {{ nicknames }} as forms_b
                on forms_a.name = forms_b.name
            where
                forms_a.nickname = {{ first_name_a }}
                and forms_b.nickname = {{ first_name_b }}
        )
    )
{%- endmacro %}
