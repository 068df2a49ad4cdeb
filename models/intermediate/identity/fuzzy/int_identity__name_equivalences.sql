{{ config(enabled=var('cdp_identity_fuzzy', {}).get('enabled', false)) }}

with

nicknames as (

    select * from {{ ref('nicknames') }}

),

formal_to_nickname as (

    select
        name as name_key,
        nickname as equivalent_name_key
    from nicknames

),

nickname_to_formal as (

    select
        nickname as name_key,
        name as equivalent_name_key
    from nicknames

),

nickname_to_nickname as (

    -- two nicknames of one formal name (Bob and Robbie)
    select
        left_nickname.nickname as name_key,
        right_nickname.nickname as equivalent_name_key
    from nicknames as left_nickname
    inner join nicknames as right_nickname
        on left_nickname.name = right_nickname.name
    where left_nickname.nickname <> right_nickname.nickname

),

unioned as (

    select * from formal_to_nickname
    union all
    select * from nickname_to_formal
    union all
    select * from nickname_to_nickname

),

final as (

    select distinct
        name_key,
        equivalent_name_key
    from unioned

)

select * from final
